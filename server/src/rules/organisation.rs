//! The order the directory lists the centre's units in: each unit right after the one it
//! sits under (and that one's earlier children), siblings in the order given.

use std::collections::{HashMap, HashSet};

/// `units` (siblings already in their order) in tree order, each with its depth. A unit
/// whose parent is missing, or that a loop of parents cuts off, is listed at the top level,
/// so no unit is ever left out.
pub fn tree_order<T>(
    units: Vec<T>,
    id: impl Fn(&T) -> i64,
    parent: impl Fn(&T) -> Option<i64>,
) -> Vec<(u32, T)> {
    let ids: HashSet<i64> = units.iter().map(&id).collect();
    let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    for (index, unit) in units.iter().enumerate() {
        let parent = parent(unit).filter(|p| ids.contains(p) && *p != id(unit));
        children.entry(parent).or_default().push(index);
    }
    let mut order: Vec<(u32, usize)> = Vec::with_capacity(units.len());
    let mut seen = vec![false; units.len()];
    let roots = children.get(&None).cloned().unwrap_or_default();
    // Roots first; then whatever a loop of parents kept out of reach, as a root.
    for root in roots.into_iter().chain(0..units.len()) {
        let mut stack = vec![(0_u32, root)];
        while let Some((depth, index)) = stack.pop() {
            if std::mem::replace(&mut seen[index], true) {
                continue;
            }
            order.push((depth, index));
            let below = children.get(&Some(id(&units[index])));
            for &child in below.into_iter().flatten().rev() {
                stack.push((depth + 1, child));
            }
        }
    }
    let mut units: Vec<Option<T>> = units.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|(depth, index)| (depth, units[index].take().expect("each listed once")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::tree_order;

    fn ordered(units: &[(i64, Option<i64>)]) -> Vec<(u32, i64)> {
        tree_order(units.to_vec(), |u| u.0, |u| u.1)
            .into_iter()
            .map(|(depth, unit)| (depth, unit.0))
            .collect()
    }

    #[test]
    fn children_follow_their_parent_in_their_order() {
        let units = [
            (1, None),
            (2, None),
            (3, Some(1)),
            (4, Some(3)),
            (5, Some(1)),
        ];
        assert_eq!(ordered(&units), [(0, 1), (1, 3), (2, 4), (1, 5), (0, 2)]);
    }

    #[test]
    fn a_missing_parent_or_a_loop_leaves_no_unit_out() {
        let units = [(1, Some(9)), (2, Some(3)), (3, Some(2)), (4, Some(4))];
        assert_eq!(ordered(&units), [(0, 1), (0, 4), (0, 2), (1, 3)]);
    }
}
