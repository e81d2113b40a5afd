//! One change at a time per storage key. A read-modify-write that awaits the storage area can
//! otherwise interleave with another and lose its change; holding the key's lock across the
//! read and the write makes every writer of a record take its turn, in arrival order.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Tickets waiting for a key, in arrival order: the front one holds it.
type Queue = VecDeque<(u64, Option<Waker>)>;

/// Per key, the queue of tickets.
#[derive(Default)]
struct Inner {
    /// A list, not a map: a handful of keys at most, and no hashing code in the bundles.
    queues: Vec<(String, Queue)>,
    next_ticket: u64,
}

impl Inner {
    /// Takes `ticket` out of `key`'s queue and wakes whoever is then at the front.
    fn leave(&mut self, key: &str, ticket: u64) {
        let Some(i) = self.queues.iter().position(|(k, _)| k == key) else { return };
        let queue = &mut self.queues[i].1;
        let was_front = queue.front().is_some_and(|(t, _)| *t == ticket);
        queue.retain(|(t, _)| *t != ticket);
        if queue.is_empty() {
            self.queues.remove(i);
        } else if was_front {
            if let Some(w) = queue.front_mut().and_then(|(_, w)| w.take()) {
                w.wake();
            }
        }
    }
}

/// The locks of one storage area. Cheap to clone; clones share the locks.
#[derive(Clone, Default)]
pub struct Locks(Rc<RefCell<Inner>>);

impl Locks {
    pub fn lock(&self, key: &str) -> Lock {
        Lock { locks: self.clone(), key: key.to_string(), ticket: None }
    }

    pub fn is_held(&self, key: &str) -> bool {
        self.0.borrow().queues.iter().any(|(k, _)| k == key)
    }
}

/// Resolves to a guard once every earlier writer of the key is done.
pub struct Lock {
    locks: Locks,
    key: String,
    ticket: Option<u64>,
}

impl Future for Lock {
    type Output = Guard;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Guard> {
        let this = &mut *self;
        let mut inner = this.locks.0.borrow_mut();
        let inner = &mut *inner;
        let queue = match inner.queues.iter().position(|(k, _)| *k == this.key) {
            Some(i) => i,
            None => {
                inner.queues.push((this.key.clone(), VecDeque::new()));
                inner.queues.len() - 1
            }
        };
        let ticket = *this.ticket.get_or_insert_with(|| {
            inner.next_ticket += 1;
            inner.queues[queue].1.push_back((inner.next_ticket, None));
            inner.next_ticket
        });
        let queue = &mut inner.queues[queue].1;
        if queue.front().is_some_and(|(t, _)| *t == ticket) {
            this.ticket = None;
            return Poll::Ready(Guard { locks: this.locks.clone(), key: this.key.clone(), ticket });
        }
        if let Some(entry) = queue.iter_mut().find(|(t, _)| *t == ticket) {
            entry.1 = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}

impl Drop for Lock {
    // A waiter that gave up leaves the queue, so it doesn't hold up those behind it.
    fn drop(&mut self) {
        if let Some(ticket) = self.ticket {
            if let Ok(mut inner) = self.locks.0.try_borrow_mut() {
                inner.leave(&self.key, ticket);
            }
        }
    }
}

/// Holds a key; dropping it hands the key to the next waiter.
pub struct Guard {
    locks: Locks,
    key: String,
    ticket: u64,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.locks.0.borrow_mut().leave(&self.key, self.ticket);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::writer::testing::run_together;

    #[test]
    fn writers_of_one_key_take_turns_in_arrival_order() {
        let locks = Locks::default();
        let log = Rc::new(RefCell::new(Vec::new()));
        let task = |name: &'static str, key: &'static str| {
            let (locks, log) = (locks.clone(), log.clone());
            Box::pin(async move {
                let _g = locks.lock(key).await;
                log.borrow_mut().push(format!("{name} in"));
                crate::store::writer::testing::yield_now().await;
                log.borrow_mut().push(format!("{name} out"));
            }) as Pin<Box<dyn Future<Output = ()>>>
        };
        run_together(vec![task("a", "k"), task("b", "k"), task("c", "other"), task("d", "k")]);
        let log = log.borrow().join(", ");
        assert_eq!(log, "a in, c in, a out, b in, c out, b out, d in, d out");
        assert!(!locks.is_held("k") && !locks.is_held("other"));
    }

    #[test]
    fn a_waiter_that_gives_up_does_not_block_the_rest() {
        let locks = Locks::default();
        let held = locks.lock("k");
        let guard = crate::store::writer::testing::block_on(held);
        let mut waiting = Box::pin(locks.lock("k"));
        let waker = Waker::noop();
        assert!(waiting.as_mut().poll(&mut Context::from_waker(waker)).is_pending());
        drop(waiting);
        drop(guard);
        let _again = crate::store::writer::testing::block_on(locks.lock("k"));
        assert!(locks.is_held("k"));
    }
}
