//! ATS jobs linked to Spark Hire jobs ("Create New Job" / "Tag Existing Job"), kept per ATS,
//! tenant, job and provider; a link preselects the job for that job's candidates.

use super::accounts::account_for;
use super::vendor::{call, settings};
use super::{fetch, storage, tab};
use crate::ats::Ats;
use crate::error::Vendor;
use crate::message::{Failure, JobLink, Reply, Sender};
use crate::provider::sparkhire;
use crate::store::records::{find_link, put_link, AtsJob, LinkRecord, CATALOG, LINKS};

const SPARK_HIRE: &str = sparkhire::PROVIDER.id;

fn view(l: &LinkRecord) -> JobLink {
    JobLink {
        ats_job_id: l.ats_job_id.clone(),
        job_uuid: l.provider_job_id.clone(),
        job_title: l.job_title.clone(),
    }
}

pub async fn get(sender: &Sender, ats: Ats, ats_job_ids: &[String]) -> Result<Reply, Failure> {
    let tenant = tab::tenant_on(sender, ats).await;
    let links: Vec<LinkRecord> = storage::read(LINKS).await?.unwrap_or_default();
    let found = ats_job_ids
        .iter()
        .filter_map(|id| {
            let job = AtsJob { ats, tenant: tenant.clone(), ats_job_id: id.clone() };
            find_link(&links, &job, SPARK_HIRE).map(view)
        })
        .collect();
    Ok(Reply::Links { links: found })
}

async fn save(
    sender: &Sender,
    ats: Ats,
    ats_job_id: String,
    job_uuid: String,
    job_title: String,
) -> Result<Reply, Failure> {
    let job = AtsJob { ats, tenant: tab::tenant_on(sender, ats).await, ats_job_id };
    let link = LinkRecord::new(job, SPARK_HIRE, job_uuid, job_title);
    let reply = Reply::Links { links: vec![view(&link)] };
    storage::update(LINKS, |all: &mut Vec<LinkRecord>| put_link(all, link)).await?;
    Ok(reply)
}

/// Links an ATS job to an existing Spark Hire job ("Tag Existing Job").
pub async fn link(sender: &Sender, ats: Ats, ats_job_id: String, job_uuid: String) -> Result<Reply, Failure> {
    let s = settings().await?;
    let account = account_for(sender).await?;
    // The job must exist in the account: read its title from the current list.
    let jobs: Vec<sparkhire::Job> = sparkhire::parse(
        &call(Vendor::SparkHire, &sparkhire::jobs(&s.sparkhire_api, account.api_key()), None).await?,
    )?;
    let job = jobs.iter().find(|j| j.uuid == job_uuid).ok_or_else(|| {
        Failure::plain("That Spark Hire job is no longer in your account. Refresh and pick another.")
    })?;
    let title = job.label();
    save(sender, ats, ats_job_id, job_uuid, title).await
}

/// Creates a Spark Hire job from the ATS job and links the two ("Create New Job").
pub async fn create(
    sender: &Sender,
    ats: Ats,
    ats_job_id: String,
    new_job: sparkhire::NewJob,
) -> Result<Reply, Failure> {
    let s = settings().await?;
    let account = account_for(sender).await?;
    let req = sparkhire::create_job(&s.sparkhire_api, account.api_key(), &new_job);
    // Not retried by itself: a lost answer could otherwise make the job twice.
    let created: sparkhire::Job = sparkhire::parse(&fetch::send(Vendor::SparkHire, &req).await?)?;
    let _ = storage::remove(CATALOG).await;
    save(sender, ats, ats_job_id, created.uuid.clone(), created.label()).await
}
