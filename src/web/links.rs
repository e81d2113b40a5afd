//! ATS jobs linked to provider jobs ("Create New Job" / "Tag Existing Job"), kept per ATS,
//! tenant, job and provider; a link preselects the job for that job's candidates.

use super::accounts::account_for;
use super::vendor::{settings, Browser};
use super::{storage, tab};
use crate::ats::Ats;
use crate::i18n::msgf;
use crate::message::{Failure, JobLink, Reply, Sender, Wire};
use crate::provider::{run, Conn, NewJob, Provider};
use crate::store::records::{catalog_key, find_link, put_link, AtsJob, LinkRecord, LINKS};

fn view(l: &LinkRecord) -> JobLink {
    JobLink {
        ats_job_id: l.ats_job_id.clone(),
        job_uuid: l.provider_job_id.clone(),
        job_title: l.job_title.clone(),
    }
}

pub async fn get(sender: &Sender, p: &Provider, ats: Ats, ats_job_ids: &[String]) -> Result<Reply, Failure> {
    let tenant = tab::tenant_on(sender, ats).await;
    let links: Vec<LinkRecord> = storage::read(LINKS).await?.unwrap_or_default();
    let found: Vec<JobLink> = ats_job_ids
        .iter()
        .filter_map(|id| {
            let job = AtsJob { ats, tenant: tenant.clone(), ats_job_id: id.clone() };
            find_link(&links, &job, p.vendor.id).map(view)
        })
        .collect();
    Ok(Reply::Links { links: Wire::new(found) })
}

async fn save(
    sender: &Sender,
    p: &Provider,
    ats: Ats,
    ats_job_id: String,
    job_uuid: String,
    job_title: String,
) -> Result<Reply, Failure> {
    let job = AtsJob { ats, tenant: tab::tenant_on(sender, ats).await, ats_job_id };
    let link = LinkRecord::new(job, p.vendor.id, job_uuid, job_title);
    let reply = Reply::Links { links: Wire::new(vec![view(&link)]) };
    storage::update(LINKS, |all: &mut Vec<LinkRecord>| put_link(all, link)).await?;
    Ok(reply)
}

/// Links an ATS job to an existing provider job ("Tag Existing Job").
pub async fn link(
    sender: &Sender,
    p: &Provider,
    ats: Ats,
    ats_job_id: String,
    job_uuid: String,
) -> Result<Reply, Failure> {
    let s = settings().await?;
    let account = account_for(sender, p).await?;
    // The job must exist in the account: read its title from the current list.
    let jobs = run::jobs(
        &Browser { progress: None, hand_back: false },
        p,
        &Conn { settings: &s, account: &account },
    )
    .await?;
    let job = jobs
        .iter()
        .find(|j| j.uuid == job_uuid)
        .ok_or_else(|| Failure::plain(msgf("job_gone", &[p.vendor.label])))?;
    let title = job.label.clone();
    save(sender, p, ats, ats_job_id, job_uuid, title).await
}

/// Creates a provider job from the ATS job and links the two ("Create New Job"). An ATS job
/// linked meanwhile (another tab, another panel) keeps its job: one job per ATS job.
pub async fn create(
    sender: &Sender,
    p: &Provider,
    ats: Ats,
    ats_job_id: String,
    new_job: NewJob,
) -> Result<Reply, Failure> {
    if let Reply::Links { links } = get(sender, p, ats, std::slice::from_ref(&ats_job_id)).await? {
        let found = links.get()?;
        if !found.is_empty() {
            return Ok(Reply::Links { links: Wire::new(found) });
        }
    }
    let s = settings().await?;
    let account = account_for(sender, p).await?;
    let created = run::create_job(
        &Browser { progress: None, hand_back: false },
        p,
        &Conn { settings: &s, account: &account },
        &new_job,
    )
    .await?;
    let _ = storage::remove(&catalog_key(p.vendor.id)).await;
    save(sender, p, ats, ats_job_id, created.uuid, created.label).await
}
