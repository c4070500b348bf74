//! Where a body breaks the documented shape, found without a path-tracking deserializer (serde_path_to_error
//! wraps every visitor of every model, which cost the `.wasm` 11 KB gzip): when a decode fails, which is rare,
//! the body is decoded again with parts of it taken away, and the part whose absence changes the outcome is
//! the culprit.
//!
//! - A wrong type: serde stops at the first bad member in document order. Removing a member other than the
//!   culprit leaves that first error as it was; removing the culprit makes the decode succeed or fail elsewhere.
//!   So the walk descends into the one member whose removal changes the outcome, down to a leaf.
//! - A missing field `x`: serde ignores members a type does not declare, so `x` inserted into any other object
//!   changes nothing; inserted into the object that lacks it, it changes the outcome.

use serde_json::Value;

use crate::validate::pointer_push;

/// Decodes a body, returning serde's message on failure.
pub type Fits = fn(&Value) -> Option<String>;

/// Trials at most; past them the pointer found so far is returned (a huge body cannot make an error slow).
const MAX_TRIALS: usize = 2_000;

/// The JSON pointer of the object or member `message` (from `fits(body)`) is about. For "missing field",
/// the object that lacks the field.
pub fn locate(body: &Value, message: &str, fits: Fits) -> String {
    if let Some(field) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        let mut objects = Vec::new();
        collect_objects(body, String::new(), &mut objects);
        // Only an object that lacks the field can be the one.
        objects.retain(|pointer| body.pointer(pointer).is_some_and(|o| o.get(field).is_none()));
        for pointer in objects.into_iter().take(MAX_TRIALS) {
            let mut candidate = body.clone();
            if let Some(Value::Object(members)) = candidate.pointer_mut(&pointer) {
                members.insert(field.to_owned(), Value::Null);
            }
            if fits(&candidate).as_deref() != Some(message) {
                return pointer;
            }
        }
        return String::new();
    }
    let mut pointer = String::new();
    let mut trials = 0;
    'descend: loop {
        let children: Vec<String> = match body.pointer(&pointer) {
            Some(Value::Object(members)) => members.keys().cloned().collect(),
            Some(Value::Array(items)) => (0..items.len()).map(|i| i.to_string()).collect(),
            _ => return pointer,
        };
        for child in children {
            if trials >= MAX_TRIALS {
                return pointer;
            }
            let mut candidate = body.clone();
            match candidate.pointer_mut(&pointer) {
                Some(Value::Object(members)) => drop(members.shift_remove(&child)),
                Some(Value::Array(items)) => {
                    if let Ok(index) = child.parse::<usize>() {
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                }
                _ => {}
            }
            trials += 1;
            if fits(&candidate).as_deref() != Some(message) {
                pointer = pointer_push(&pointer, &child);
                continue 'descend;
            }
        }
        return pointer;
    }
}

/// The pointers of every object in `value`, outermost first.
fn collect_objects(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            out.push(pointer.clone());
            for (key, member) in members {
                collect_objects(member, pointer_push(&pointer, key), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_objects(item, pointer_push(&pointer, &i.to_string()), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        code: Option<u32>,
        name: String,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        id: String,
        items: Vec<Inner>,
        #[serde(rename = "a/b")]
        odd: Option<Inner>,
    }

    fn fits_outer(body: &Value) -> Option<String> {
        Outer::deserialize(body).err().map(|e| e.to_string())
    }

    fn at(body: Value) -> String {
        let message = fits_outer(&body).expect("the body must not fit");
        locate(&body, &message, fits_outer)
    }

    #[test]
    fn wrong_types_are_found_at_their_leaf() {
        assert_eq!(at(json!({"id": 5, "items": []})), "/id");
        assert_eq!(at(json!({"id": "x", "items": [{"name": "a"}, {"name": "b", "code": "six"}]})), "/items/1/code");
        assert_eq!(at(json!({"items": [], "id": "x", "a/b": {"name": 1}})), "/a~1b/name");
        assert_eq!(at(json!({"id": "x", "items": "none"})), "/items");
    }

    #[test]
    fn a_missing_field_names_the_object_that_lacks_it() {
        assert_eq!(at(json!({"items": []})), "");
        assert_eq!(at(json!({"id": "x", "items": [{"name": "a"}, {"code": 1}]})), "/items/1");
        assert_eq!(at(json!({"id": "x", "items": [], "a/b": {"code": 1}})), "/a~1b");
    }
}
