//! Auto-pagination: an async iterator over every item of a paginated list, fetching the next page only when
//! the previous one is used up (telnyx-node's rule: stop when `page_number ≥ total_pages`).

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::to_json;
use super::js_error::{self, set};
use super::options::ClientOptions;
use super::{execute, meta_of};
use crate::endpoints::{next_page_number, requested_page_number, with_page_number, Endpoint};
use crate::error::Error;
use crate::json::Json;

#[wasm_bindgen(
    inline_js = "export function makeAsyncIterable(it) { it[Symbol.asyncIterator] = function () { return this; }; return it; }"
)]
extern "C" {
    #[wasm_bindgen(js_name = makeAsyncIterable)]
    fn make_async_iterable(iterator: JsValue) -> JsValue;
}

type BuildPage = fn(&Json) -> Result<Endpoint, Error>;

/// An async iterator over the items of every page. Use it with `for await`.
#[wasm_bindgen]
pub struct PageIterator {
    client: Rc<ClientOptions>,
    build: BuildPage,
    options: JsValue,
    state: Rc<RefCell<State>>,
}

struct State {
    buffered: VecDeque<JsValue>,
    /// The query of the next page to fetch; `None` once the last page has been fetched.
    next_query: Option<Result<Json, Error>>,
}

pub fn iterate(client: Rc<ClientOptions>, query: JsValue, options: JsValue, build: BuildPage) -> JsValue {
    let first = to_json(&query, "");
    let state = State { buffered: VecDeque::new(), next_query: Some(first) };
    let iterator = PageIterator { client, build, options, state: Rc::new(RefCell::new(state)) };
    make_async_iterable(iterator.into())
}

#[wasm_bindgen]
impl PageIterator {
    /// Resolves to `{value, done}` as the async-iterator protocol says; rejects on a failed page.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn next(&self) -> Promise {
        let (client, build, options, state) =
            (self.client.clone(), self.build, self.options.clone(), self.state.clone());
        future_to_promise(async move {
            loop {
                let query = {
                    let mut s = state.borrow_mut();
                    if let Some(item) = s.buffered.pop_front() {
                        return Ok(result(item, false));
                    }
                    match s.next_query.take() {
                        Some(query) => query,
                        None => return Ok(result(JsValue::UNDEFINED, true)),
                    }
                };
                let query = query.map_err(js_error::to_js)?;
                let endpoint = build(&query).map_err(js_error::to_js)?;
                let page = execute(&client, &endpoint, &options).await.map_err(js_error::to_js)?;
                let items = Reflect::get(&page, &"data".into()).unwrap_or(JsValue::UNDEFINED);
                let mut s = state.borrow_mut();
                s.buffered.extend(Array::from(&items).iter());
                let next = next_page_number(meta_of(&page).as_ref(), requested_page_number(&query));
                s.next_query = next.map(|n| Ok(with_page_number(&query, n)));
            }
        })
    }

    /// Ends the iteration early (called by `break` inside `for await`).
    #[wasm_bindgen(js_name = return, unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn finish(&self) -> Promise {
        let mut s = self.state.borrow_mut();
        s.buffered.clear();
        s.next_query = None;
        Promise::resolve(&result(JsValue::UNDEFINED, true))
    }
}

fn result(value: JsValue, done: bool) -> JsValue {
    let r = Object::new();
    set(&r, "value", &value);
    set(&r, "done", &done.into());
    r.into()
}
