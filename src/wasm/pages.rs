//! `iterateProfiles` / `iterateVerifiedNumbers`: the Rust client's page walk as a JS async iterator. Calls to
//! `next()` are queued as async generators queue them: `Promise.all([it.next(), it.next()])` yields two items,
//! never an early `{done: true}`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::js_error::{self, set};
use super::options;
use super::snapshot::{make_async_iterable, to_value};
use crate::client::pages::{BuildPage, Pager};
use crate::client::{Answered, CallOptions, Client};
use crate::error::Error;

/// An async iterator over the items of every page.
#[wasm_bindgen]
pub struct PageIterator {
    /// Taken out while a page is fetched, so no borrow is held across an await.
    pager: Rc<RefCell<Option<Pager<JsValue>>>>,
    stopped: Rc<Cell<bool>>,
    /// The promise of the last `next()`: the following one starts when it settles.
    tail: RefCell<Option<Promise>>,
}

pub fn iterate(client: Client, query: JsValue, options: JsValue, build: BuildPage) -> JsValue {
    let call = options::call(&options);
    let query = to_value(&query, "");
    let pager = match call {
        Ok(call) => Pager::new(client, query, build, js_items, call),
        Err(error) => Pager::new(client, Err(error), build, js_items, CallOptions::default()),
    };
    let iterator = PageIterator {
        pager: Rc::new(RefCell::new(Some(pager))),
        stopped: Rc::new(Cell::new(false)),
        tail: RefCell::new(None),
    };
    make_async_iterable(iterator.into())
}

#[wasm_bindgen]
impl PageIterator {
    /// Resolves to `{value, done}` as the async-iterator protocol says; rejects on a failed page.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn next(&self) -> Promise {
        let previous = self.tail.borrow_mut().take();
        let (pager, stopped) = (self.pager.clone(), self.stopped.clone());
        let promise = future_to_promise(async move {
            if let Some(previous) = previous {
                let _ = JsFuture::from(previous).await; // its outcome belongs to its own caller
            }
            let taken = pager.try_borrow_mut().ok().and_then(|mut slot| slot.take());
            let Some(mut walk) = taken.filter(|_| !stopped.get()) else { return Ok(step(JsValue::UNDEFINED, true)) };
            let item = walk.next().await;
            if let Ok(mut slot) = pager.try_borrow_mut() {
                *slot = Some(walk);
            }
            match item {
                _ if stopped.get() => Ok(step(JsValue::UNDEFINED, true)),
                Some(Ok(item)) => Ok(step(item, false)),
                Some(Err(error)) => Err(js_error::to_js(error)),
                None => Ok(step(JsValue::UNDEFINED, true)),
            }
        });
        *self.tail.borrow_mut() = Some(promise.clone());
        promise
    }

    /// Ends the iteration early (called by `break` inside `for await`).
    #[wasm_bindgen(js_name = return, unchecked_return_type = "Promise<IteratorResult<any>>")]
    pub fn finish(&self) -> Promise {
        self.stopped.set(true);
        if let Ok(mut slot) = self.pager.try_borrow_mut() {
            if let Some(walk) = slot.as_mut() {
                walk.stop();
            }
        }
        Promise::resolve(&step(JsValue::UNDEFINED, true))
    }
}

/// A page's items as JS parses them: exactly what the API sent.
fn js_items(page: Answered) -> Result<Vec<JsValue>, Error> {
    let data = js_sys::Reflect::get(&page.to_js()?, &"data".into()).unwrap_or_default();
    Ok(data.dyn_into::<js_sys::Array>().map(|items| items.iter().collect()).unwrap_or_default())
}

fn step(value: JsValue, done: bool) -> JsValue {
    let result = Object::new();
    set(&result, "value", &value);
    set(&result, "done", &done.into());
    result.into()
}
