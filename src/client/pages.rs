//! Auto-pagination over a list endpoint: the next page is fetched only when the current one is used up
//! (telnyx-node's rule: stop when `page_number ≥ total_pages`), and a server that repeats its `meta` cannot
//! make it endless (see `endpoints::next_page_number`). The walk is shared; what an item is depends on who
//! walks: the JS iterator hands out exactly what the API sent (parsed by JS), the Rust [`Pages`] decodes each
//! item into its model.

use std::collections::VecDeque;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Answered, CallOptions, Client};
use crate::endpoints::{next_page_number, requested_page_number, with_page_number, Endpoint};
use crate::error::Error;

pub type BuildPage = fn(&Value) -> Result<Endpoint, Error>;

/// Takes the items out of a checked page (`data`, an array: the check made sure).
pub type TakeItems<I> = fn(Answered) -> Result<Vec<I>, Error>;

/// The page walk shared by [`Pages`] and the JS page iterator.
pub struct Pager<I> {
    client: Client,
    build: BuildPage,
    take: TakeItems<I>,
    call: CallOptions,
    items: VecDeque<I>,
    /// The query of the next page (or why there is none); `None` once the walk is over.
    next_query: Option<Result<Value, Error>>,
}

impl<I> Pager<I> {
    pub fn new(
        client: Client,
        query: Result<Value, Error>,
        build: BuildPage,
        take: TakeItems<I>,
        call: CallOptions,
    ) -> Pager<I> {
        Pager { client, build, take, call, items: VecDeque::new(), next_query: Some(query) }
    }

    /// The next item, fetching a page when needed; `None` when every page has been read.
    pub async fn next(&mut self) -> Option<Result<I, Error>> {
        if let Some(item) = self.items.pop_front() {
            return Some(Ok(item));
        }
        let query = self.next_query.take()?;
        match self.fetch_page(query).await {
            Ok(()) => self.items.pop_front().map(Ok),
            Err(error) => Some(Err(error)),
        }
    }

    /// Fetches the page `query` asks for into `items`, and notes the next page's query. An error ends the walk.
    async fn fetch_page(&mut self, query: Result<Value, Error>) -> Result<(), Error> {
        let query = query?;
        let page = self.client.send((self.build)(&query)?, &self.call).await?;
        let next = next_page_number(page.json().get("meta"), requested_page_number(&query));
        self.items = (self.take)(page)?.into();
        // An empty page ends the walk even if `meta` promises more: nothing more can be trusted.
        self.next_query = next.filter(|_| !self.items.is_empty()).map(|n| Ok(with_page_number(&query, n)));
        Ok(())
    }

    /// Ends the walk (a `break` out of `for await`).
    pub fn stop(&mut self) {
        self.items.clear();
        self.next_query = None;
    }
}

/// Every item of a paginated list, decoded: `while let Some(item) = pages.next().await { let item = item?; … }`.
pub struct Pages<T> {
    pager: Pager<Value>,
    item: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Pages<T> {
    pub(crate) fn new(client: Client, query: Result<Value, Error>, build: BuildPage, call: CallOptions) -> Self {
        Pages { pager: Pager::new(client, query, build, json_items, call), item: PhantomData }
    }

    /// The next item, fetching the next page when this one is used up; `None` after the last.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        Some(self.pager.next().await?.and_then(|item| crate::response::decode(&item)))
    }

    /// Ends the walk early: `next` then returns `None`.
    pub fn stop(&mut self) {
        self.pager.stop();
    }
}

/// A page's items as the core reads them.
fn json_items(page: Answered) -> Result<Vec<Value>, Error> {
    Ok(match page.into_json().get_mut("data").map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    })
}
