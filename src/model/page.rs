//! Envelopes (`{data}`, `{data, meta}`) and list queries.

use serde::{Deserialize, Serialize};

use crate::validate::Rule;

/// `{data: T}`: how most answers arrive; the client hands out `data`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Data<T> {
    pub data: T,
}

/// A list answer: the items and, where the API pages, `meta`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Page<T> {
    pub data: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<PageMeta>,
}

answer_model! {
    /// Where a page stands in the list.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct PageMeta {
        pub page_number: Option<u32>,
        pub page_size: Option<u32>,
        pub total_pages: Option<u32>,
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
        #[rule(Rule::PageNumber)]
        pub size: Option<u32>,
    }
}

input_model! {
    /// `filter[name]` of the profile list.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ProfileFilter {
        #[rule(Rule::AnyText)]
        pub name: Option<String>,
    }
}

input_model! {
    /// `GET /verify_profiles` query.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ListProfilesQuery {
        #[rule(Rule::Object(&ProfileFilter::RULES))]
        pub filter: Option<ProfileFilter>,
        #[rule(Rule::Object(&PageQuery::RULES))]
        pub page: Option<PageQuery>,
    }
}

input_model! {
    /// `GET /verified_numbers` query.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ListVerifiedNumbersQuery {
        #[rule(Rule::Object(&PageQuery::RULES))]
        pub page: Option<PageQuery>,
    }
}
