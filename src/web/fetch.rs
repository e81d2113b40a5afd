//! Sends a domain `HttpRequest` with the browser's fetch, with a time limit: a vendor that
//! never answers is an error the recruiter sees, not a spinner forever.

use gloo_net::http::{Method as GlooMethod, RequestBuilder};
use wasm_bindgen::prelude::*;

use crate::error::{ApiError, Vendor};
use crate::http::{HttpReply, HttpRequest, Method};

const TIMEOUT_MS: i32 = 20_000;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

thread_local! {
    /// Recent request times per vendor that limits requests by the second.
    static SENT: std::cell::RefCell<Vec<(&'static str, std::collections::VecDeque<f64>)>> = Default::default();
}

/// Every call to a vendor that counts by the second passes here, so two flows together (a
/// registrant batch and a rating) never add up to more than it allows.
async fn pace(vendor: Vendor) {
    let Some(limit) = vendor.rules.per_second else { return };
    while let Err(ms) = SENT.with(|all| {
        let mut all = all.borrow_mut();
        let i = all.iter().position(|(id, _)| *id == vendor.id).unwrap_or_else(|| {
            all.push((vendor.id, Default::default()));
            all.len() - 1
        });
        crate::retry::claim_slot(&mut all[i].1, limit, js_sys::Date::now())
    }) {
        super::chrome::sleep(ms).await;
    }
}

pub async fn send(vendor: Vendor, req: &HttpRequest) -> Result<HttpReply, ApiError> {
    // Every request carries a key. Settings are the recruiter's, but a record that points a
    // vendor at a host they never granted (written by an older version, or by code that got
    // into storage) is refused here, not obeyed.
    if !vendor.serves(&req.url) && !super::chrome::granted(&req.url).await {
        return Err(ApiError::HostNotAllowed { vendor });
    }
    pace(vendor).await;
    let unreachable = || ApiError::Unreachable { vendor };
    let controller = web_sys::AbortController::new().map_err(|_| unreachable())?;
    let abort = {
        let c = controller.clone();
        Closure::once_into_js(move || c.abort())
    };
    let timer = set_timeout(abort.unchecked_ref(), TIMEOUT_MS);
    let method = match req.method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
        Method::Put => GlooMethod::PUT,
        Method::Patch => GlooMethod::PATCH,
    };
    let mut builder = RequestBuilder::new(&req.url).method(method).abort_signal(Some(&controller.signal()));
    for (k, v) in &req.headers {
        builder = builder.header(k, v);
    }
    let sent = match &req.body {
        Some(b) => match builder.body(b.as_str()) {
            Ok(r) => r.send().await,
            Err(e) => Err(e),
        },
        None => builder.send().await,
    };
    let result = async {
        let resp = sent.map_err(|_| unreachable())?;
        let retry_after = vendor.rules.named_wait(|h| resp.headers().get(h));
        let status = resp.status();
        let body = resp.text().await.map_err(|_| unreachable())?;
        Ok(HttpReply { status, retry_after, body })
    }
    .await;
    clear_timeout(&timer);
    result
}
