//! A collection with a size limit: past it, the oldest entry is evicted, so a long-running or public sandbox
//! cannot grow without end.

use std::collections::VecDeque;

pub struct Bounded<T> {
    items: VecDeque<T>,
    limit: usize,
}

impl<T> Bounded<T> {
    pub fn new(limit: usize) -> Self {
        Bounded { items: VecDeque::new(), limit: limit.max(1) }
    }

    /// Adds `item`, evicting the oldest entries beyond the limit.
    pub fn push(&mut self, item: T) {
        while self.items.len() >= self.limit {
            self.items.pop_front();
        }
        self.items.push_back(item);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut T> {
        self.items.iter_mut()
    }

    pub fn find(&self, test: impl Fn(&T) -> bool) -> Option<&T> {
        self.items.iter().find(|item| test(item))
    }

    pub fn find_mut(&mut self, test: impl Fn(&T) -> bool) -> Option<&mut T> {
        self.items.iter_mut().find(|item| test(item))
    }

    /// The newest entry that passes `test`.
    pub fn find_newest_mut(&mut self, test: impl Fn(&T) -> bool) -> Option<&mut T> {
        self.items.iter_mut().rev().find(|item| test(item))
    }

    pub fn remove(&mut self, test: impl Fn(&T) -> bool) -> Option<T> {
        let index = self.items.iter().position(test)?;
        self.items.remove(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_oldest_past_the_limit() {
        let mut store = Bounded::new(3);
        for i in 0..5 {
            store.push(i);
        }
        assert_eq!(store.iter().copied().collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(store.remove(|i| *i == 3), Some(3));
        assert_eq!(store.len(), 2);
        *store.find_newest_mut(|_| true).unwrap() = 9;
        assert_eq!(store.find(|i| *i == 9), Some(&9));
    }
}
