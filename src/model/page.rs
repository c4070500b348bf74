//! Envelopes (`{data}`, `{data, meta}`) and list queries.

use serde::{Deserialize, Serialize};

use crate::response::shape::{Kind, Member, Shape, Shaped};

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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PageMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<u32>,
}

impl Shaped for PageMeta {
    const SHAPE: Shape = Shape {
        members: &[
            Member::optional("page_number", Kind::Count),
            Member::optional("page_size", Kind::Count),
            Member::optional("total_pages", Kind::Count),
            Member::optional("total_results", Kind::Count),
        ],
    };
}

/// `page[number]` and `page[size]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PageQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ProfileFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `GET /verify_profiles` query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ListProfilesQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<ProfileFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageQuery>,
}

/// `GET /verified_numbers` query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ListVerifiedNumbersQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageQuery>,
}
