//! Envelopes (`{data}`, `{data, meta}`) and list queries.

use serde::{Deserialize, Serialize};

use crate::validate::Rule;

/// `{data: T}`: how most answers arrive; the client hands out `data`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Data<T> {
    /// The answer itself.
    pub data: T,
}

/// A list answer: the items and, where the API pages, `meta`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Page<T> {
    /// The items.
    pub data: Vec<T>,
    /// Where this page stands, when the API pages the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<PageMeta>,
}

answer_model! {
    /// Where a page stands in the list.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct PageMeta {
        /// This page's number, from 1.
        pub page_number: Option<u32>,
        /// How many items a page holds.
        pub page_size: Option<u32>,
        /// How many pages there are.
        pub total_pages: Option<u32>,
        /// How many items there are in all.
        pub total_results: Option<u32>,
    }
}

input_model! {
    /// `page[number]` and `page[size]`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct PageQuery {
        /// From 1.
        #[rule(Rule::PageNumber)]
        pub number: Option<u32>,
        /// How many items a page holds.
        #[rule(Rule::PageNumber)]
        pub size: Option<u32>,
    }
}

input_model! {
    /// `filter[name]` of the profile list.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ProfileFilter {
        /// Only profiles with this name.
        #[rule(Rule::AnyText)]
        pub name: Option<String>,
    }
}

input_model! {
    /// `GET /verify_profiles` query.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ListProfilesQuery {
        /// Which profiles to list.
        #[rule(Rule::Object(&ProfileFilter::RULES))]
        pub filter: Option<ProfileFilter>,
        /// Which page to fetch.
        #[rule(Rule::Object(&PageQuery::RULES))]
        pub page: Option<PageQuery>,
    }
}

input_model! {
    /// `GET /verified_numbers` query.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ListVerifiedNumbersQuery {
        /// Which page to fetch.
        #[rule(Rule::Object(&PageQuery::RULES))]
        pub page: Option<PageQuery>,
    }
}
