//! A list that a page reads once when it opens, and changes itself (adds, revokes) as the
//! admin works: an answer to the first read that arrives after such a change is older than
//! the page, so it must not replace the list (a slow first read used to wipe out a new row).

/// Adds to `kept` the items of `found` that it does not hold (by `id`); what `kept` holds is
/// newer and stays as it is. The list stays in the order of the ids, as the edge sends it.
pub fn merge_first_read<T, K: Ord>(kept: &mut Vec<T>, found: Vec<T>, id: impl Fn(&T) -> K) {
    for item in found {
        if !kept.iter().any(|k| id(k) == id(&item)) {
            kept.push(item);
        }
    }
    kept.sort_by_key(|item| id(item));
}
