//! What the content script may say: which page it is on and what the page shows. The worker
//! keeps the tab's context in session storage for the panel, confirmed with the ATS's API
//! where the recruiter saved a key.

use super::accounts::key_of;
use super::chrome::Store;
use super::keys::context_key;
use super::storage::session_failure;
use super::vendor::{call, settings};
use crate::ats;
use crate::ats_api;
use crate::hellohire;
use crate::message::{
    Candidate, Failure, HellohireContext, ListItem, PageContext, PageFields, Reply, Sender, Source, Wire,
    PIPELINE_CAP,
};

/// A Hellohire interview page, when the integration is on: off, the content script injects
/// nothing.
async fn hellohire_page(url: &str) -> Option<crate::hellohire::HellohirePage> {
    let p = hellohire::page(url)?;
    super::vendor::settings().await.ok()?.hellohire_smartrecruiters.then_some(p)
}

/// Content script, on every URL change: is this a page we act on, and what to read?
pub async fn visit(url: &str, sender: &Sender) -> Result<Reply, Failure> {
    let (mut ats_page, mut hh_page) = (None, None);
    if let Some(u) = sender.page_url(url) {
        ats_page = ats::page(u);
        if ats_page.is_none() {
            hh_page = hellohire_page(u).await;
        }
    }
    let rule = match (&ats_page, &hh_page) {
        (Some(p), _) => Some(ats::page_rule(p)),
        (None, Some(p)) => Some(hellohire::page_rule(p)),
        (None, None) => None,
    };
    if let Some(tab) = sender.tab_id {
        let session = Store::session().map_err(session_failure)?;
        let key = context_key(tab);
        let current = PageContext::read(&session.get_node(&key).await.map_err(session_failure)?);
        // Until this page reports, the panel shows no one rather than the last page's candidate.
        let stale = current.is_some_and(|c| {
            !(ats_page.as_ref().is_some_and(|p| c.is_about(p))
                || hh_page.as_ref().is_some_and(|p| c.is_about_hellohire(p)))
        });
        if stale {
            session.remove(&key).await.map_err(session_failure)?;
        }
    }
    if let Some(p) = &ats_page {
        wasm_bindgen_futures::spawn_local(super::interviews::warm(p.ats, p.tenant.clone()));
    }
    Ok(Reply::PageRule { rule: Wire::new(rule) })
}

pub async fn page_fields(url: &str, fields: PageFields, sender: &Sender) -> Result<(), Failure> {
    // The page says who the candidate is; the ATS id comes from its URL, on the origin the
    // browser vouches for.
    let (Some(tab), Some(url)) = (sender.tab_id, sender.page_url(url)) else { return Ok(()) };
    let session = Store::session().map_err(session_failure)?;
    let key = context_key(tab);
    let current = PageContext::read(&session.get_node(&key).await.map_err(session_failure)?);
    let Some(page) = ats::page(url) else {
        if let Some(hh) = hellohire_page(url).await {
            let seen = PageContext::Hellohire(HellohireContext::from_page(&hh, fields));
            if current.as_ref() != Some(&seen) {
                session.set(&key, &seen).await.map_err(session_failure)?;
            }
        }
        return Ok(());
    };
    let confirmed_here = match &current {
        Some(PageContext::Candidate(c)) => c.ats_id == page.ats_id && c.source == Source::AtsApi,
        Some(PageContext::Job(j)) => j.ats_id == page.ats_id && j.source == Source::AtsApi,
        _ => false,
    };
    if confirmed_here {
        return Ok(());
    }
    let seen = PageContext::from_page(&page, fields);
    if current.as_ref() != Some(&seen) {
        session.set(&key, &seen).await.map_err(session_failure)?;
    }
    let page_candidate = match seen {
        PageContext::Candidate(c) => c,
        PageContext::Job(mut job) => {
            // A page can list anyone as a job's pipeline; with the ATS's key, its API says who.
            if let Some((people, cut)) = pipeline(&page).await {
                (job.people, job.cut, job.source) = (people, cut, Source::AtsApi);
                session.set(&key, &PageContext::Job(job)).await.map_err(session_failure)?;
            }
            return Ok(());
        }
        _ => return Ok(()),
    };
    // With the ATS's key, its API is the better witness than the page's markup.
    if let Some(c) = confirm(&page, &page_candidate).await {
        session.set(&key, &PageContext::Candidate(c)).await.map_err(session_failure)?;
    }
    Ok(())
}

/// The job's pipeline as the ATS's API lists it (up to the cap, and whether it went past it),
/// where the recruiter saved a key and the API has such a list. Any failure leaves the page's.
async fn pipeline(page: &ats::AtsPage) -> Option<(Vec<ListItem>, bool)> {
    let api = ats_api::of(page.ats)?;
    let key = key_of(api.vendor).await.ok()?;
    let s = settings().await.ok()?;
    let c = api.conn(&s, &key, page.api_host.as_deref());
    let (mut people, mut next) = (Vec::new(), None::<String>);
    loop {
        let req = api.calls.pipeline(&c, &page.ats_id, next.as_deref())?;
        let (found, more) =
            call(api.vendor, &req, None).await.and_then(|r| api.calls.read_pipeline(&r)).ok()?;
        people.extend(found.into_iter().map(|p| ListItem {
            name: p.name(),
            id: p.id,
            email: p.email.filter(|e| e.contains('@')),
            first_name: None,
            last_name: None,
        }));
        next = more;
        if next.is_none() || people.len() > PIPELINE_CAP {
            break;
        }
    }
    let cut = people.len() > PIPELINE_CAP;
    people.truncate(PIPELINE_CAP);
    Some((people, cut))
}

/// The candidate as the ATS's API has them, where the recruiter saved a key. Pages without
/// the candidate's id (some application pages) get a 404 and the page stands.
async fn confirm(page: &ats::AtsPage, seen: &Candidate) -> Option<Candidate> {
    let api = ats_api::of(page.ats)?;
    let key = key_of(api.vendor).await.ok()?;
    let s = settings().await.ok()?;
    // Lever pages name their region's API host.
    let c = api.conn(&s, &key, page.api_host.as_deref());
    let req = api.calls.candidate(&c, &page.ats_id);
    let p = call(api.vendor, &req, None).await.and_then(|r| api.calls.read_candidate(&r)).ok()?;
    let name = p.name();
    let bridged = s.hellohire_smartrecruiters && page.ats == hellohire::BRIDGED;
    Some(Candidate {
        name: if name.is_empty() { seen.name.clone() } else { name },
        email: p.email.filter(|e| e.contains('@')).or(seen.email.clone()),
        source: Source::AtsApi,
        hellohire_ratings: if bridged { hellohire::ratings(&p.tags) } else { vec![] },
        ..seen.clone()
    })
}
