//! The provider's jobs and question sets that both invite forms choose from, and the choice.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fields::Load;
use crate::i18n::msgf;
use crate::message::{Choice, InterviewKind, JobLink, Reply, Request, Terms};
use crate::vendor::Vendor;
use crate::web::chrome::ask;

/// Jobs linked (and maybe made) since the panel opened.
static ADOPTED: AtomicU32 = AtomicU32::new(0);

/// The panel owns it: the choice outlives the forms, which are drawn again when the account is
/// read again.
#[derive(Clone, Copy)]
pub(super) struct Catalog {
    pv: Vendor,
    pub(super) list: RwSignal<Load<(Vec<Choice>, Vec<Choice>)>>,
    pub(super) job: RwSignal<String>,
    pub(super) question_set: RwSignal<String>,
    pub(super) refreshing: RwSignal<bool>,
    /// Why what is shown may be out of date.
    pub(super) note: RwSignal<Option<String>>,
    /// When the provider last gave these lists (ms since the epoch): "Last synced".
    pub(super) fetched: RwSignal<Option<i64>>,
}

impl Catalog {
    pub(super) fn new(pv: Vendor) -> Catalog {
        Catalog {
            pv,
            list: RwSignal::new(Load::Loading),
            job: RwSignal::new(String::new()),
            question_set: RwSignal::new(String::new()),
            refreshing: RwSignal::new(false),
            note: RwSignal::new(None),
            fetched: RwSignal::new(None),
        }
    }

    /// A job just linked (maybe just created) is listed and chosen.
    pub(super) fn adopt(self, l: &JobLink) {
        ADOPTED.fetch_add(1, Relaxed);
        self.list.update(|c| {
            if let Load::Ready((jobs, _)) = c {
                if !jobs.iter().any(|j| j.uuid == l.job_uuid) {
                    jobs.push(Choice { uuid: l.job_uuid.clone(), label: l.job_title.clone() });
                }
            }
        });
        self.job.set(l.job_uuid.clone());
    }

    /// An invite's terms with the job and question set chosen here.
    pub(super) fn terms(self, (kind, scheduled_ms): (InterviewKind, i64), message: String) -> Terms {
        Terms {
            job_uuid: self.job.get_untracked(),
            question_set_uuid: self.question_set.get_untracked(),
            kind,
            scheduled_ms,
            timezone: super::fields::time_zone(),
            message,
        }
    }

    /// Cache first, then what the account has now.
    pub(super) fn load(self, fresh: bool) {
        spawn_local(async move {
            if self.fetch(fresh).await {
                self.fetch(true).await;
            }
        })
    }

    /// Returns whether what arrived came from the cache (so a fresh copy should follow).
    async fn fetch(self, fresh: bool) -> bool {
        self.refreshing.set(true);
        let adopted = ADOPTED.load(Relaxed);
        let reply = ask(&Request::GetCatalog { provider: self.pv, fresh }).await;
        self.refreshing.set(false);
        // A list asked for before a job was made and chosen here would unchoose it.
        if adopted != ADOPTED.load(Relaxed) {
            return false;
        }
        match reply {
            Reply::Catalog { jobs, question_sets, cached, fetched_ms } => {
                self.fetched.set(Some(fetched_ms));
                let (jobs, question_sets) = (
                    jobs.read(crate::read::choices).unwrap_or_default(),
                    question_sets.read(crate::read::choices).unwrap_or_default(),
                );
                // The job is never guessed: a wrong one invites the candidate to the wrong
                // interview. It comes from the ATS job's link, or the recruiter picks it.
                if !jobs.iter().any(|j| j.uuid == self.job.get_untracked()) {
                    self.job.set(String::new());
                }
                if !question_sets.iter().any(|q| q.uuid == self.question_set.get_untracked()) {
                    self.question_set.set(question_sets.first().map(|q| q.uuid.clone()).unwrap_or_default());
                }
                self.note.set(None);
                self.list.set(Load::Ready((jobs, question_sets)));
                cached
            }
            // Keep showing what we have; say that it may be out of date.
            Reply::Failed { failure } if matches!(self.list.get_untracked(), Load::Ready(_)) => {
                self.note.set(Some(msgf("refresh_failed", &[&failure.message])));
                false
            }
            Reply::Failed { failure } => {
                self.list.set(Load::Failed(failure));
                false
            }
            _ => false,
        }
    }
}
