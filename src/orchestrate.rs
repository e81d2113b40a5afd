//! The vendor-agnostic way of making calls, written once: retries and backoff, waits on a
//! rate limit, and "look before you post" for creates that have no idempotency key. Generic
//! over the transport, so the worker runs it with the browser's fetch and timers and the tests
//! with a scripted vendor and no clock.

use crate::error::{check, ApiError, Vendor};
use crate::http::{HttpReply, HttpRequest};
use crate::i18n::msgf;
use crate::retry::{self, Next};

/// How requests reach a vendor, and how time passes.
#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn send(&self, vendor: Vendor, req: &HttpRequest) -> Result<HttpReply, ApiError>;
    async fn sleep(&self, ms: u64);
    /// A line for whoever waits on this call (the panel shows it while we wait).
    async fn tell(&self, line: &str);
    /// Whether a long rate-limit wait goes back to the page that asked (`ApiError::Later`)
    /// rather than being waited out here: what a whole request may do again from the start.
    fn hands_back(&self) -> bool {
        false
    }
}

/// Both futures, run at once: two independent calls take one round trip, not two. No
/// executor crate for this one need.
pub async fn both<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    use std::task::Poll;
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        match (ra.take(), rb.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                (ra, rb) = (x, y);
                Poll::Pending
            }
        }
    })
    .await
}

/// One call, retried on rate limits and transient failures as `retry::next` says. A non-2xx
/// that is not transient comes back as the reply, for the caller's parser to explain.
pub async fn call<T: Transport>(t: &T, vendor: Vendor, req: &HttpRequest) -> Result<HttpReply, ApiError> {
    let mut failures = 0;
    loop {
        let err = match t.send(vendor, req).await {
            Ok(reply) => match check(vendor, &reply) {
                Err(e) if e.is_transient() => e,
                _ => return Ok(reply),
            },
            Err(e) => e,
        };
        back_off(t, err, &mut failures).await?;
    }
}

/// Counts a failure, then waits before the next try as `retry::next` says, or hands the
/// error back.
async fn back_off<T: Transport>(t: &T, err: ApiError, failures: &mut u32) -> Result<(), ApiError> {
    *failures += 1;
    // A 429 longer than one message may wait was refused before any work: a page that may send
    // the whole request again is handed it back (`Later`), and waits itself.
    if let ApiError::RateLimited { vendor, retry_after: secs } = err {
        let long = secs > retry::MAX_RATE_WAIT_S && secs <= retry::MAX_HANDED_BACK_S;
        if long && t.hands_back() && *failures <= retry::MAX_RETRIES {
            t.tell(&waiting_line(&err, secs * 1000)).await;
            return Err(ApiError::Later { vendor, secs });
        }
    }
    match retry::next(&err, *failures) {
        Next::GiveUp => Err(err),
        Next::RetryAfterMs(ms) => {
            t.tell(&waiting_line(&err, ms)).await;
            t.sleep(ms).await;
            Ok(())
        }
    }
}

/// What the recruiter reads while a call waits to be tried again.
pub fn waiting_line(err: &ApiError, ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    match err {
        ApiError::RateLimited { vendor, .. } => msgf("wait_slow", &[vendor.label(), &secs.to_string()]),
        ApiError::Server { vendor, .. } => msgf("wait_problem", &[vendor.label(), &secs.to_string()]),
        _ => msgf("wait_none", &[&secs.to_string()]),
    }
}

/// A create the vendor can't deduplicate: `look` finds the one this create would make among
/// what exists (reading as many pages as that takes); `create` makes it and `made` reads the answer. A create that may
/// have gone through (5xx, no answer) is followed by another look before it is sent again; a
/// 429 was refused before any work, so it is simply sent again after the wait. Returns the
/// record and whether it existed before this call. `look_first`: whether one may exist before
/// any try (an invite: the candidate may have one already), or only after a lost answer (a
/// job of the same title is the recruiter's own until we made one).
pub async fn create_once<T: Transport, R, F: std::future::Future<Output = Result<Option<R>, ApiError>>>(
    t: &T,
    vendor: Vendor,
    look: impl Fn() -> F,
    create: &HttpRequest,
    made: impl Fn(&HttpReply) -> Result<R, ApiError>,
    look_first: bool,
) -> Result<(R, bool), ApiError> {
    let mut failures = 0;
    let mut must_look = look_first;
    loop {
        if must_look {
            if let Some(found) = look().await? {
                return Ok((found, failures == 0));
            }
        }
        let err = match t.send(vendor, create).await.and_then(|reply| made(&reply)) {
            Ok(created) => return Ok((created, false)),
            Err(e) => e,
        };
        must_look = !matches!(err, ApiError::RateLimited { .. });
        back_off(t, err, &mut failures).await?;
    }
}

/// A vendor that answers from a script, for tests: each request takes the next scripted
/// answer for its method and path (the last one repeats), and waits are recorded, not slept.
#[cfg(test)]
pub mod testing {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use super::*;
    use crate::http::Method;

    #[derive(Default)]
    pub struct ScriptedVendor {
        pub script: RefCell<HashMap<String, Vec<Result<HttpReply, ApiError>>>>,
        /// Every request, as `METHOD path`.
        pub sent: RefCell<Vec<String>>,
        pub slept: RefCell<Vec<u64>>,
        pub told: RefCell<Vec<String>>,
        /// The body of each request that had one, after its `METHOD path`.
        pub bodies: RefCell<Vec<(String, String)>>,
        /// As the worker's transport for a request its page may send again whole.
        pub hand_back: bool,
    }

    fn key(method: Method, url: &str) -> String {
        let path =
            url.split_once("://").map_or(url, |(_, rest)| &rest[rest.find('/').unwrap_or(rest.len())..]);
        format!("{} {}", method.as_str(), path.split('?').next().unwrap_or(path))
    }

    pub fn reply(status: u16, body: &str) -> Result<HttpReply, ApiError> {
        Ok(HttpReply { status, retry_after: None, body: body.into() })
    }

    impl ScriptedVendor {
        pub fn on(self, method: Method, path: &str, answers: Vec<Result<HttpReply, ApiError>>) -> Self {
            self.script.borrow_mut().insert(format!("{} {path}", method.as_str()), answers);
            self
        }
    }

    impl Transport for ScriptedVendor {
        async fn send(&self, vendor: Vendor, req: &HttpRequest) -> Result<HttpReply, ApiError> {
            let k = key(req.method, &req.url);
            self.sent.borrow_mut().push(k.clone());
            if let Some(b) = &req.body {
                self.bodies.borrow_mut().push((k.clone(), b.clone()));
            }
            let mut script = self.script.borrow_mut();
            let answers = script.get_mut(&k).unwrap_or_else(|| panic!("nothing scripted for {k}"));
            let next = if answers.len() > 1 { answers.remove(0) } else { answers[0].clone() };
            next.map_err(|e| match e {
                ApiError::Unreachable { .. } => ApiError::Unreachable { vendor },
                e => e,
            })
        }
        async fn sleep(&self, ms: u64) {
            self.slept.borrow_mut().push(ms);
        }
        async fn tell(&self, line: &str) {
            self.told.borrow_mut().push(line.into());
        }
        fn hands_back(&self) -> bool {
            self.hand_back
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::http::Method::{Get, Post};
    use crate::message::InterviewKind;
    use crate::provider::testing::{FAKE, VENDOR as SH};
    use crate::provider::{run, Conn, NewInvite};
    use crate::settings::Settings;
    use crate::store::records::StoredAccount;
    use crate::store::writer::testing::block_on;

    const EMPTY: &str = r#"{"data":[]}"#;
    const HERS: &str =
        r#"{"data":[{"id":"i-1","position":"job-1","email":"ada@x.example","state":"invited"}]}"#;
    const MADE: &str =
        r#"{"data":{"id":"i-2","position":"job-1","email":"ada@x.example","state":"invited"}}"#;

    /// A provider's invite, as the worker sends it.
    fn invite(t: &ScriptedVendor) -> Result<(String, bool), ApiError> {
        let account = StoredAccount::for_test("a", SH.id, &[]);
        let settings = Settings::default();
        let c = Conn { settings: &settings, account: &account };
        let i = NewInvite {
            kind: InterviewKind::OneWay,
            scheduled_ms: 4_102_444_800_000,
            name: "Ada",
            email: "ada@x.example",
            message: "",
            job_id: "job-1",
            template_id: "qs",
            timezone: "UTC",
            send_email: true,
        };
        block_on(run::invite(t, &FAKE, &c, &i)).map(|(made, existed)| (made.row.uuid, existed))
    }

    fn sent(t: &ScriptedVendor) -> Vec<String> {
        t.sent.borrow().clone()
    }

    #[test]
    fn looks_then_creates_once() {
        let t = ScriptedVendor::default().on(Get, "/v2/interviews", vec![reply(200, EMPTY)]).on(
            Post,
            "/v2/interviews",
            vec![reply(201, MADE)],
        );
        assert_eq!(invite(&t), Ok(("i-2".into(), false)));
        assert_eq!(sent(&t), ["GET /v2/interviews", "POST /v2/interviews"]);
    }

    #[test]
    fn an_existing_invite_is_returned_and_nothing_is_posted() {
        let t = ScriptedVendor::default().on(Get, "/v2/interviews", vec![reply(200, HERS)]);
        assert_eq!(invite(&t), Ok(("i-1".into(), true)));
        assert_eq!(sent(&t), ["GET /v2/interviews"]);
    }

    #[test]
    fn a_create_answered_with_a_5xx_that_went_through_is_found_not_sent_again() {
        let t = ScriptedVendor::default()
            .on(Get, "/v2/interviews", vec![reply(200, EMPTY), reply(200, HERS)])
            .on(Post, "/v2/interviews", vec![reply(502, "<html>bad gateway")]);
        assert_eq!(invite(&t), Ok(("i-1".into(), false)), "made by this call, not before it");
        assert_eq!(sent(&t), ["GET /v2/interviews", "POST /v2/interviews", "GET /v2/interviews"]);
        assert_eq!(*t.slept.borrow(), [1000]);
        assert_eq!(t.told.borrow()[0], "Acme Interviews had a problem. Trying again in 1 s…");
    }

    #[test]
    fn a_429_waits_what_the_vendor_says_and_posts_again_without_looking() {
        let limited = Ok(HttpReply { status: 429, retry_after: Some(7), body: String::new() });
        let t = ScriptedVendor::default().on(Get, "/v2/interviews", vec![reply(200, EMPTY)]).on(
            Post,
            "/v2/interviews",
            vec![limited, reply(201, MADE)],
        );
        assert_eq!(invite(&t), Ok(("i-2".into(), false)));
        assert_eq!(sent(&t), ["GET /v2/interviews", "POST /v2/interviews", "POST /v2/interviews"]);
        assert_eq!(*t.slept.borrow(), [7000]);
    }

    #[test]
    fn a_429_too_long_for_one_message_goes_back_to_the_page_at_once() {
        let limited = |s| Ok(HttpReply { status: 429, retry_after: Some(s), body: String::new() });
        let script = |s| {
            ScriptedVendor { hand_back: true, ..Default::default() }
                .on(Get, "/v2/interviews", vec![reply(200, EMPTY)])
                .on(Post, "/v2/interviews", vec![limited(s), reply(201, MADE)])
        };
        let t = script(45);
        assert_eq!(invite(&t), Err(ApiError::Later { vendor: SH, secs: 45 }));
        assert!(t.slept.borrow().is_empty(), "no wait inside the message");
        assert_eq!(sent(&t), ["GET /v2/interviews", "POST /v2/interviews"]);
        assert_eq!(*t.told.borrow(), ["Acme Interviews asked us to slow down. Trying again in 45 s…"]);
        let f = crate::message::Failure::from(ApiError::Later { vendor: SH, secs: 45 });
        assert_eq!((f.later(), f.key_problem), (Some(45), None));
        // A short wait stays in the message, as for a request that may not be sent again whole.
        let t = script(7);
        assert_eq!(invite(&t), Ok(("i-2".into(), false)));
        assert_eq!(*t.slept.borrow(), [7000]);
        let t = ScriptedVendor::default().on(Get, "/v2/interviews", vec![reply(200, EMPTY)]).on(
            Post,
            "/v2/interviews",
            vec![limited(45), reply(201, MADE)],
        );
        // Nor does a long one for a request that may not be sent again whole: it ends, for work
        // kept in storage to be tried again on its alarm.
        assert_eq!(invite(&t), Err(ApiError::RateLimited { vendor: SH, retry_after: 45 }));
        assert!(t.slept.borrow().is_empty() && t.told.borrow().is_empty());
        assert_eq!(sent(&t), ["GET /v2/interviews", "POST /v2/interviews"]);
    }

    #[test]
    fn no_answer_is_retried_with_a_look_each_time_then_given_up() {
        let t = ScriptedVendor::default().on(Get, "/v2/interviews", vec![reply(200, EMPTY)]).on(
            Post,
            "/v2/interviews",
            vec![Err(ApiError::Unreachable { vendor: SH })],
        );
        assert_eq!(invite(&t), Err(ApiError::Unreachable { vendor: SH }));
        let posts = sent(&t).iter().filter(|s| s.starts_with("POST")).count();
        let looks = sent(&t).iter().filter(|s| s.starts_with("GET")).count();
        assert_eq!((posts, looks), (1 + retry::MAX_RETRIES as usize, 1 + retry::MAX_RETRIES as usize));
        assert_eq!(*t.slept.borrow(), [1000, 2000, 4000]);
    }

    #[test]
    fn a_refusal_is_not_retried() {
        let t = ScriptedVendor::default().on(Get, "/v2/interviews", vec![reply(200, EMPTY)]).on(
            Post,
            "/v2/interviews",
            vec![reply(422, r#"{"reason":"Deadline must be in the future"}"#)],
        );
        let e = invite(&t).unwrap_err();
        assert_eq!(e.message(), "Acme Interviews refused the request: Deadline must be in the future");
        assert_eq!(sent(&t).len(), 2);
        assert!(t.slept.borrow().is_empty());
    }

    #[test]
    fn a_failed_look_is_retried_by_the_call_and_then_stops_the_create() {
        let t = ScriptedVendor::default().on(
            Get,
            "/v2/interviews",
            vec![reply(503, ""), reply(503, ""), reply(503, ""), reply(503, "")],
        );
        assert_eq!(invite(&t), Err(ApiError::Server { vendor: SH, status: 503 }));
        assert!(sent(&t).iter().all(|s| s.starts_with("GET")), "nothing posted without a look");
        assert_eq!(*t.slept.borrow(), [1000, 2000, 4000]);
    }

    /// Ready after being polled `n` times; notes when it started waiting.
    struct Slow<'a>(u32, &'a std::cell::RefCell<Vec<&'static str>>, &'static str);
    impl std::future::Future for Slow<'_> {
        type Output = &'static str;
        fn poll(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context,
        ) -> std::task::Poll<&'static str> {
            if self.0 == 0 {
                return std::task::Poll::Ready(self.2);
            }
            self.1.borrow_mut().push(self.2);
            self.0 -= 1;
            std::task::Poll::Pending
        }
    }

    #[test]
    fn both_runs_its_futures_at_once_and_gives_both_answers() {
        let log = std::cell::RefCell::new(Vec::new());
        let out = block_on(both(Slow(2, &log, "jobs"), Slow(1, &log, "sets")));
        assert_eq!(out, ("jobs", "sets"));
        // The second was under way before the first was done.
        assert_eq!(*log.borrow(), ["jobs", "sets", "jobs"]);
    }
}
