//! Auto-pagination: an async iterator over every item of a paginated list. The next page is fetched only when
//! the previous one is used up (telnyx-node's rule: stop when `page_number ≥ total_pages`), and a server
//! that repeats its `meta` cannot make it endless (see `endpoints::next_page_number`).
//!
//! Use it with `for await`, which calls `next` one at a time.

use alloc::rc::Rc;
use core::cell::RefCell;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::to_json;
use super::js_error::set;
use super::options::ClientOptions;
use super::transport::{start, Purpose};
use crate::endpoints::{next_page_number, requested_page_number, with_page_number, Endpoint};
use crate::error::Error;
use crate::json::Json;

#[wasm_bindgen(module = "/src/wasm/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeAsyncIterable)]
    fn make_async_iterable(iterator: JsValue) -> JsValue;
}

type BuildPage = fn(&Json) -> Result<Endpoint, Error>;

/// An async iterator over the items of every page.
#[wasm_bindgen]
pub struct PageIterator {
    client: Rc<ClientOptions>,
    options: JsValue,
    state: Rc<RefCell<PageState>>,
}

pub struct PageState {
    build: BuildPage,
    /// The current page's items (the JS array itself: no copy, and no Rust queue in the `.wasm`).
    items: Array,
    /// The index of the next item of `items` to hand out.
    next_item: u32,
    /// The query of the next page to fetch (or why it cannot be); `None` once there is none.
    next_query: Option<Result<Json, Error>>,
    /// The query of the page being fetched.
    in_flight: Json,
    /// Set by `return()`: a page still in flight is then dropped.
    stopped: bool,
}

pub fn iterate(client: Rc<ClientOptions>, query: JsValue, options: JsValue, build: BuildPage) -> JsValue {
    let state = PageState {
        build,
        items: Array::new(),
        next_item: 0,
        next_query: Some(to_json(&query, "")),
        in_flight: Json::Null,
        stopped: false,
    };
    let iterator = PageIterator { client, options, state: Rc::new(RefCell::new(state)) };
    make_async_iterable(iterator.into())
}

#[wasm_bindgen]
impl PageIterator {
    /// Resolves to `{value, done}` as the async-iterator protocol says; rejects on a failed page.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn next(&self) -> Promise {
        let endpoint = {
            let mut s = self.state.borrow_mut();
            if let Some(item) = s.take_item() {
                return Promise::resolve(&step(item, false));
            }
            let Some(query) = s.next_query.take() else {
                return Promise::resolve(&step(JsValue::UNDEFINED, true));
            };
            let build = s.build;
            query.and_then(|query| {
                let endpoint = build(&query);
                s.in_flight = query;
                endpoint
            })
        };
        start(&self.client, endpoint, &self.options, Purpose::Page(self.state.clone()))
    }

    /// Ends the iteration early (called by `break` inside `for await`).
    #[wasm_bindgen(js_name = return, unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn finish(&self) -> Promise {
        let mut s = self.state.borrow_mut();
        s.items = Array::new();
        s.next_query = None;
        s.stopped = true;
        Promise::resolve(&step(JsValue::UNDEFINED, true))
    }
}

/// Buffers a fetched page's items, works out the next page, and answers the `next()` that fetched it.
pub fn take_page(state: &Rc<RefCell<PageState>>, page: &JsValue) -> Result<JsValue, JsValue> {
    let mut s = state.borrow_mut();
    if s.stopped {
        return Ok(step(JsValue::UNDEFINED, true));
    }
    let query = core::mem::replace(&mut s.in_flight, Json::Null);
    let items = Reflect::get(page, &"data".into()).unwrap_or(JsValue::UNDEFINED);
    s.items = items.dyn_into::<Array>().unwrap_or_default();
    s.next_item = 0;
    let meta = Reflect::get(page, &"meta".into()).ok().and_then(|m| to_json(&m, "/meta").ok());
    let next = next_page_number(meta.as_ref(), requested_page_number(&query));
    s.next_query = next.map(|n| Ok(with_page_number(&query, n)));
    // An empty page ends the iteration even if `meta` promises more: nothing more can be trusted.
    match s.take_item() {
        Some(item) => Ok(step(item, false)),
        None => {
            s.next_query = None;
            Ok(step(JsValue::UNDEFINED, true))
        }
    }
}

impl PageState {
    fn take_item(&mut self) -> Option<JsValue> {
        let item = (self.next_item < self.items.length()).then(|| self.items.get(self.next_item))?;
        self.next_item += 1;
        Some(item)
    }
}

fn step(value: JsValue, done: bool) -> JsValue {
    let r = Object::new();
    set(&r, "value", &value);
    set(&r, "done", &done.into());
    r.into()
}
