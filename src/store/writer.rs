//! The one way records change: read, change and write one key while holding its lock, so two
//! flows (a rating kept while the resume alarm writes; credits spent while an account is
//! edited) never overwrite each other. Generic over the storage area, so it is tested natively.

use serde::{de::DeserializeOwned, Serialize};

use super::lock::Locks;
use super::{Notice, NOTICES, SET_ASIDE_PREFIX};

/// A key-value storage area (`chrome.storage.local` in the worker). The async calls move
/// stored values as they are (`Raw`); typed records are decoded and encoded in between, so the
/// waiting and locking code exists once, not once per record type.
#[allow(async_fn_in_trait)]
pub trait Area {
    type Raw;
    async fn get(&self, key: &str) -> Result<Option<Self::Raw>, String>;
    async fn set(&self, key: &str, raw: Self::Raw) -> Result<(), String>;
    async fn remove(&self, key: &str) -> Result<(), String>;
    fn decode<T: DeserializeOwned>(raw: &Self::Raw) -> Option<T>;
    fn encode<T: Serialize>(value: &T) -> Result<Self::Raw, String>;
}

/// What a change makes of the stored value.
pub enum Change<Raw> {
    Write(Raw),
    /// The stored value isn't the record's type: set it aside, then change nothing.
    Unreadable,
    Fail(String),
}

/// Reads a record as `T` (absent: the default), changes it and encodes it again. Generic over
/// the record's type only: every change of one record type shares it.
fn decode_change_encode<A: Area, T>(raw: Option<&A::Raw>, f: &mut dyn FnMut(&mut T)) -> Change<A::Raw>
where
    T: Default + Serialize + DeserializeOwned,
{
    let mut value: T = match raw {
        None => T::default(),
        Some(raw) => match A::decode(raw) {
            Some(v) => v,
            None => return Change::Unreadable,
        },
    };
    f(&mut value);
    match A::encode(&value) {
        Ok(raw) => Change::Write(raw),
        Err(e) => Change::Fail(e),
    }
}

/// A record's change, from what is stored (if anything) to what to do.
type ChangeFn<'a, Raw> = dyn FnMut(Option<&Raw>) -> Change<Raw> + 'a;

/// The records of one area, each changed by one writer at a time.
pub struct Records<A> {
    pub area: A,
    pub locks: Locks,
}

impl<A: Area> Records<A> {
    pub fn new(area: A) -> Self {
        Records { area, locks: Locks::default() }
    }

    /// A record, or `None`. One this version can't read is set aside with a notice and reads
    /// as absent, so whatever depends on it carries on instead of failing forever.
    pub async fn read<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, String> {
        let mut out = None;
        self.read_with(key, &mut |raw| {
            out = A::decode(raw);
            out.is_some()
        })
        .await?;
        Ok(out)
    }

    async fn read_with(&self, key: &str, decodes: &mut dyn FnMut(&A::Raw) -> bool) -> Result<(), String> {
        match self.area.get(key).await? {
            Some(raw) if !decodes(&raw) => {
                let _g = self.locks.lock(key).await;
                // Looked at again under the lock: a writer may have replaced it meanwhile.
                if let Some(raw) = self.area.get(key).await? {
                    if !decodes(&raw) {
                        self.set_aside(key, raw).await?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Changes a record (absent: its default) and writes it back, with no other writer of
    /// the key in between. `f` runs without awaiting: it sees exactly what it writes over.
    pub async fn update<T, R>(&self, key: &str, f: impl FnOnce(&mut T) -> R) -> Result<R, String>
    where
        T: Default + Serialize + DeserializeOwned,
    {
        let mut f = Some(f);
        let mut out = None;
        let mut once = |value: &mut T| {
            if let Some(f) = f.take() {
                out = Some(f(value));
            }
        };
        self.change(key, &mut |raw| decode_change_encode::<A, T>(raw, &mut once)).await?;
        out.ok_or_else(|| "the record was not changed".to_string())
    }

    async fn change(&self, key: &str, change: &mut ChangeFn<'_, A::Raw>) -> Result<(), String> {
        let _g = self.locks.lock(key).await;
        let raw = self.area.get(key).await?;
        let outcome = match change(raw.as_ref()) {
            Change::Unreadable => {
                if let Some(raw) = raw {
                    self.set_aside(key, raw).await?;
                }
                // Afresh, from the record's default.
                change(None)
            }
            other => other,
        };
        match outcome {
            Change::Write(raw) => self.area.set(key, raw).await,
            Change::Unreadable => Err("the record can't be read".into()),
            Change::Fail(e) => Err(e),
        }
    }

    /// Replaces a record whole (for caches and values with a single writer).
    pub async fn put<T: Serialize>(&self, key: &str, value: &T) -> Result<(), String> {
        let raw = A::encode(value)?;
        let _g = self.locks.lock(key).await;
        self.area.set(key, raw).await
    }

    pub async fn remove(&self, key: &str) -> Result<(), String> {
        let _g = self.locks.lock(key).await;
        self.area.remove(key).await
    }

    /// Moves an unreadable record to `unreadable:<key>` and tells the recruiter. Called with
    /// the key's lock held.
    async fn set_aside(&self, key: &str, raw: A::Raw) -> Result<(), String> {
        self.area.set(&format!("{SET_ASIDE_PREFIX}{key}"), raw).await?;
        self.area.remove(key).await?;
        if key == NOTICES {
            return Ok(());
        }
        let notice = Notice::set_aside(key);
        let _g = self.locks.lock(NOTICES).await;
        // Notices are ours, not the recruiter's: unreadable ones are replaced.
        let mut all: Vec<Notice> =
            self.area.get(NOTICES).await?.and_then(|r| A::decode(&r)).unwrap_or_default();
        all.retain(|n| n.key != notice.key);
        all.push(notice);
        self.area.set(NOTICES, A::encode(&all)?).await
    }
}

/// A tiny executor and an in-memory area whose every call yields once, so tests can run two
/// flows side by side and see them interleave as they would in the browser.
#[cfg(test)]
pub mod testing {
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll, Waker};

    use serde_json::{Map, Value};

    pub fn yield_now() -> impl Future<Output = ()> {
        let mut yielded = false;
        std::future::poll_fn(move |_| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                Poll::Pending
            }
        })
    }

    pub fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        for _ in 0..10_000 {
            if let Poll::Ready(v) = f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
                return v;
            }
        }
        panic!("the future never finished");
    }

    /// Polls every task in turn until all are done.
    pub fn run_together(mut tasks: Vec<Pin<Box<dyn Future<Output = ()> + '_>>>) {
        for _ in 0..10_000 {
            tasks.retain_mut(|t| t.as_mut().poll(&mut Context::from_waker(Waker::noop())).is_pending());
            if tasks.is_empty() {
                return;
            }
        }
        panic!("tasks never finished (a deadlock?)");
    }

    #[derive(Default)]
    pub struct MemoryArea {
        pub data: RefCell<Map<String, Value>>,
    }

    impl super::Area for MemoryArea {
        type Raw = Value;
        async fn get(&self, key: &str) -> Result<Option<Value>, String> {
            yield_now().await;
            Ok(self.data.borrow().get(key).cloned())
        }
        async fn set(&self, key: &str, value: Value) -> Result<(), String> {
            yield_now().await;
            self.data.borrow_mut().insert(key.to_string(), value);
            Ok(())
        }
        fn decode<T: serde::de::DeserializeOwned>(raw: &Value) -> Option<T> {
            serde_json::from_value(raw.clone()).ok()
        }
        fn encode<T: serde::Serialize>(value: &T) -> Result<Value, String> {
            serde_json::to_value(value).map_err(|e| e.to_string())
        }
        async fn remove(&self, key: &str) -> Result<(), String> {
            yield_now().await;
            self.data.borrow_mut().remove(key);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use serde_json::json;

    #[test]
    fn the_area_interleaves_and_a_plain_read_then_write_loses_a_change() {
        // What the worker did before: read, await, write. Shown here so the tests below are
        // known to run two flows truly side by side.
        let records = Records::new(MemoryArea::default());
        let naive = |n: i64| {
            let records = &records;
            Box::pin(async move {
                let mut list: Vec<i64> = records.read("k").await.unwrap().unwrap_or_default();
                list.push(n);
                records.area.set("k", json!(list)).await.unwrap();
            }) as std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>
        };
        run_together(vec![naive(1), naive(2)]);
        assert_eq!(records.area.data.borrow()["k"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn updates_side_by_side_keep_both_changes() {
        let records = Records::new(MemoryArea::default());
        let add = |n: i64| {
            let records = &records;
            Box::pin(async move {
                records.update("k", |list: &mut Vec<i64>| list.push(n)).await.unwrap();
            }) as std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>
        };
        run_together(vec![add(1), add(2), add(3)]);
        assert_eq!(records.area.data.borrow()["k"], json!([1, 2, 3]));
    }

    #[test]
    fn an_unreadable_record_is_set_aside_and_work_carries_on() {
        let records = Records::new(MemoryArea::default());
        records.area.data.borrow_mut().insert("batches".into(), json!({"garbled": true}));
        let read: Option<Vec<i64>> = block_on(records.read("batches")).unwrap();
        assert_eq!(read, None);
        let data = records.area.data.borrow().clone();
        assert_eq!(data["unreadable:batches"], json!({"garbled": true}), "kept, not dropped");
        assert!(!data.contains_key("batches"));
        let notices: Vec<Notice> = serde_json::from_value(data[NOTICES].clone()).unwrap();
        assert_eq!(notices[0].key, "batches");
        // The next write starts afresh instead of failing.
        block_on(records.update("batches", |l: &mut Vec<i64>| l.push(7))).unwrap();
        assert_eq!(records.area.data.borrow()["batches"], json!([7]));
    }

    type Task<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>;

    #[test]
    fn a_rating_kept_while_the_resume_alarm_writes_is_not_lost() {
        use crate::hellohire::{Rating, Registrant};
        use crate::store::records::KeptRating;
        let rating = |email: &str, rating| KeptRating {
            registrant: Registrant { email: email.into(), ..Registrant::default() },
            interview: "Final Round".into(),
            rating,
            error: String::new(),
        };
        let records = Records::new(MemoryArea::default());
        let (ada_maybe, ada_yes, ben_no) = (
            rating("ada@x.example", Rating::Maybe),
            rating("ada@x.example", Rating::Yes),
            rating("ben@x.example", Rating::No),
        );
        block_on(records.update("p", |all: &mut Vec<KeptRating>| KeptRating::keep(all, ada_maybe.clone())))
            .unwrap();
        // The alarm has written Ada's "maybe" and forgets it, while the recruiter presses "yes"
        // for Ada and "no" for Ben.
        let resume: Task = Box::pin(async {
            records
                .update("p", |all: &mut Vec<KeptRating>| KeptRating::settle(all, &ada_maybe, None))
                .await
                .unwrap();
        });
        let press = |p: KeptRating| -> Task {
            let records = &records;
            Box::pin(async move {
                records.update("p", |all: &mut Vec<KeptRating>| KeptRating::keep(all, p)).await.unwrap();
            })
        };
        run_together(vec![press(ada_yes.clone()), resume, press(ben_no.clone())]);
        let kept: Vec<KeptRating> = block_on(records.read("p")).unwrap().unwrap();
        assert_eq!(kept, vec![ada_yes, ben_no], "the newer rating and the other person's both stay");
    }

    #[test]
    fn credits_spent_by_a_bulk_run_while_the_account_is_edited_are_both_kept() {
        use crate::store::records::StoredAccount;
        let records = Records::new(MemoryArea::default());
        let account = StoredAccount {
            credits: Some(10),
            ..StoredAccount::for_test("a1", "spark_hire", &[("api_key", "k")])
        };
        block_on(records.put("accounts", &vec![account])).unwrap();
        let spend = || -> Task {
            let records = &records;
            Box::pin(async move {
                records
                    .update("accounts", |all: &mut Vec<StoredAccount>| {
                        all.iter_mut().filter(|a| a.id == "a1").for_each(|a| a.used += 1)
                    })
                    .await
                    .unwrap();
            })
        };
        let edit: Task = Box::pin(async {
            records
                .update("accounts", |all: &mut Vec<StoredAccount>| {
                    all.iter_mut().filter(|a| a.id == "a1").for_each(|a| a.credits = Some(50))
                })
                .await
                .unwrap();
        });
        run_together(vec![spend(), edit, spend()]);
        let all: Vec<StoredAccount> = block_on(records.read("accounts")).unwrap().unwrap();
        assert_eq!((all[0].used, all[0].credits), (2, Some(50)));
    }
}
