//! Screenshot bytes in R2.

use worker::{Bucket, HttpMetadata, Result};

pub async fn put(bucket: &Bucket, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<()> {
    bucket
        .put(key, bytes)
        .http_metadata(HttpMetadata {
            content_type: Some(content_type.to_owned()),
            ..Default::default()
        })
        .execute()
        .await?;
    Ok(())
}

pub async fn get(bucket: &Bucket, key: &str) -> Result<Option<Vec<u8>>> {
    match bucket.get(key).execute().await? {
        Some(object) => match object.body() {
            Some(body) => Ok(Some(body.bytes().await?)),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

pub async fn delete(bucket: &Bucket, key: &str) -> Result<()> {
    bucket.delete(key).await
}
