//! How a model is declared: once, field by field, and everything else derived from that declaration.
//!
//! [`answer_model!`] declares a model the API answers with: the serde struct and its [`AnswerShape`] (what
//! `response::shape` checks a body against). [`input_model!`] declares what a caller sends: the serde struct
//! and its [`InputRules`] (what `validate` checks an input against), each field with the rule the spec gives
//! it. A field's wire name, type and optionality are written once: an `Option<…>` field may be absent (and
//! is then left out when serialized and marked optional in TypeScript), any other is required, and an
//! answer member's [`Kind`] comes from its type ([`AnswerKind`]). `tests/native_shapes.rs` proves that the
//! answer tables and serde agree.
//!
//! Both macros read the fields one at a time (a "tt muncher"), because an `Option` field carries serde
//! attributes the others must not, and a macro cannot choose an attribute any other way.
//!
//! Two limits of reading tokens rather than types. Optionality is seen in the spelling: write `Option<…>`, as
//! every model does; `std::option::Option<…>` or an alias would be declared required (the test that each input
//! model requires the API's fields, in `tests/native_shapes.rs`, catches that). And the muncher recurses once
//! a field, but once a token *tree* while it looks for `..shared` (about ten a field): past a dozen fields
//! before `..shared`, or about a hundred in a struct, the compiler asks for a higher `#![recursion_limit]`.
//! Shared fields are written first or after one or two own fields here, so neither is near.
//!
//! [`AnswerShape`]: crate::response::shape::AnswerShape
//! [`InputRules`]: crate::validate::InputRules
//! [`Kind`]: crate::response::shape::Kind

use crate::response::shape::Kind;

/// The JSON an answer member of this type must be.
pub trait AnswerKind {
    /// What the answer check accepts for a member of this type.
    const KIND: Kind;
}

impl<T: AnswerKind> AnswerKind for Option<T> {
    const KIND: Kind = T::KIND;
}

macro_rules! answer_kinds {
    ($($ty:ty => $kind:ident),* $(,)?) => {
        $(impl AnswerKind for $ty {
            const KIND: Kind = Kind::$kind;
        })*
    };
}

answer_kinds! {
    String => Text,
    super::VerificationType => Text,
    super::VerificationStatus => Text,
    super::ResponseCode => Text,
    bool => Boolean,
    f64 => Number,
    u32 => Count,
    Vec<String> => TextList,
}

/// A member's wire name: its `#[serde(rename)]` if it has one, else the field's name.
macro_rules! wire_name {
    ($wire:literal $field:ident) => {
        $wire
    };
    ($field:ident) => {
        stringify!($field)
    };
}

/// Declares a model the API answers with: the struct (attributes as written, plus the wasm build's
/// `tsify::Tsify`) and its [`AnswerModel`] table. A field may be renamed on the wire with
/// `#[serde(rename = "…")]` after its doc comment.
///
/// [`AnswerModel`]: crate::response::shape::AnswerModel
macro_rules! answer_model {
    ($(#[$attr:meta])* pub struct $name:ident { $($body:tt)* }) => {
        answer_model!(@field [$(#[$attr])*] $name [] [] $($body)*);
    };
    (
        @field $attrs:tt $name:ident [$($fields:tt)*] [$($members:tt)*]
        $(#[doc = $doc:literal])* $(#[serde(rename = $wire:literal)])? pub $field:ident: Option<$ty:ty>
        $(, $($rest:tt)*)?
    ) => {
        answer_model!(
            @field $attrs $name
            [$($fields)* $(#[doc = $doc])* $(#[serde(rename = $wire)])?
                #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: Option<$ty>,]
            [$($members)* (wire_name!($($wire)? $field), $ty, false)]
            $($($rest)*)?
        );
    };
    (
        @field $attrs:tt $name:ident [$($fields:tt)*] [$($members:tt)*]
        $(#[doc = $doc:literal])* $(#[serde(rename = $wire:literal)])? pub $field:ident: $ty:ty
        $(, $($rest:tt)*)?
    ) => {
        answer_model!(
            @field $attrs $name
            [$($fields)* $(#[doc = $doc])* $(#[serde(rename = $wire)])? pub $field: $ty,]
            [$($members)* (wire_name!($($wire)? $field), $ty, true)]
            $($($rest)*)?
        );
    };
    (@field [$(#[$attr:meta])*] $name:ident [$($fields:tt)*] [$(($wire:expr, $ty:ty, $required:literal))*]) => {
        $(#[$attr])*
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub struct $name { $($fields)* }

        impl crate::response::shape::AnswerModel for $name {
            const SHAPE: crate::response::shape::AnswerShape = crate::response::shape::AnswerShape {
                members: &[$(crate::response::shape::Member {
                    name: $wire,
                    kind: <$ty as crate::model::declare::AnswerKind>::KIND,
                    required: $required,
                }),*],
            };
        }

        impl crate::model::declare::AnswerKind for $name {
            const KIND: crate::response::shape::Kind =
                crate::response::shape::Kind::Object(&<$name as crate::response::shape::AnswerModel>::SHAPE);
        }
    };
}

/// Declares what a caller sends: the struct (attributes as written, plus the wasm build's `tsify::Tsify`)
/// and its [`InputModel`] rules, one `#[rule(…)]` per field.
///
/// A struct may end with `#[serde(flatten)] pub extra: Map<String, Value>`: its rules are then open, as the
/// spec's `additionalProperties: true` says, and members it does not name pass through. Several structs
/// that share fields are declared together, each saying where the shared ones go:
/// `input_model! { shared { …fields, } pub struct A { …fields, ..shared, …fields, } … }` (each field ends with a
/// comma; the order of the fields is the order on the wire).
///
/// [`InputModel`]: crate::validate::InputModel
macro_rules! input_model {
    (shared $shared:tt $($(#[$attr:meta])* pub struct $name:ident { $($own:tt)* })*) => {
        $(input_model!(@place [$(#[$attr])*] $name $shared [] $($own)*);)*
    };
    // Finds `..shared,` in a struct's fields, token by token, and puts the shared fields there.
    (@place $attrs:tt $name:ident $shared:tt [$($before:tt)*] ..shared, $($after:tt)*) => {
        input_model!(@merged $attrs $name $shared [$($before)*] [$($after)*]);
    };
    (@place $attrs:tt $name:ident $shared:tt [$($before:tt)*] $next:tt $($rest:tt)*) => {
        input_model!(@place $attrs $name $shared [$($before)* $next] $($rest)*);
    };
    (
        @merged [$(#[$attr:meta])*] $name:ident { $($shared:tt)* } [$($before:tt)*] [$($after:tt)*]
    ) => {
        input_model! { $(#[$attr])* pub struct $name { $($before)* $($shared)* $($after)* } }
    };
    ($(#[$attr:meta])* pub struct $name:ident { $($body:tt)* }) => {
        input_model!(@field [$(#[$attr])*] $name [] [] $($body)*);
    };
    (
        @field $attrs:tt $name:ident [$($fields:tt)*] [$($rules:tt)*]
        $(#[doc = $doc:literal])* #[rule($rule:expr)] pub $field:ident: Option<$ty:ty>
        $(, $($rest:tt)*)?
    ) => {
        input_model!(
            @field $attrs $name
            [$($fields)* $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: Option<$ty>,]
            [$($rules)* ($field, $rule, false)]
            $($($rest)*)?
        );
    };
    (
        @field $attrs:tt $name:ident [$($fields:tt)*] [$($rules:tt)*]
        $(#[doc = $doc:literal])* #[rule($rule:expr)] pub $field:ident: $ty:ty
        $(, $($rest:tt)*)?
    ) => {
        input_model!(
            @field $attrs $name
            [$($fields)* $(#[doc = $doc])* pub $field: $ty,]
            [$($rules)* ($field, $rule, true)]
            $($($rest)*)?
        );
    };
    (
        @field $attrs:tt $name:ident [$($fields:tt)*] $rules:tt
        #[serde(flatten)] $(#[doc = $doc:literal])* pub extra: $ty:ty $(,)?
    ) => {
        input_model!(
            @field $attrs $name
            [$($fields)* $(#[doc = $doc])* #[serde(flatten)]
                #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))] pub extra: $ty,]
            $rules open
        );
    };
    (
        @field [$(#[$attr:meta])*] $name:ident [$($fields:tt)*]
        [$(($field:ident, $rule:expr, $required:literal))*] $($open:ident)?
    ) => {
        $(#[$attr])*
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub struct $name { $($fields)* }

        impl crate::validate::InputModel for $name {
            const RULES: crate::validate::InputRules = crate::validate::InputRules {
                fields: &[$(crate::validate::Field {
                    name: stringify!($field),
                    rule: $rule,
                    required: $required,
                }),*],
                open: input_model!(@open $($open)?),
                refused: &[],
            };
        }
    };
    (@open open) => {
        true
    };
    (@open) => {
        false
    };
}
