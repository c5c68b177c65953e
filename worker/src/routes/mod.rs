//! HTTP resources, one file per resource. `dispatch` maps method and path to a handler and
//! turns every failure into a translated JSON error.

mod groups;
mod health;
mod submissions;

use prasar_core::error::ErrorCode;
use worker::{Env, Method, Request, Response, Result};

use crate::http::{error_response, Failure, Outcome};

pub async fn dispatch(req: Request, env: Env) -> Result<Response> {
    let path = req.path();
    let Some(api_path) = path.strip_prefix("/api/") else {
        // Static assets normally answer before the worker runs (`run_worker_first` is
        // limited to /api/*); anything else that arrives goes to them too.
        return env.assets("ASSETS")?.fetch_request(req).await;
    };
    let segments: Vec<&str> = api_path.trim_end_matches('/').split('/').collect();
    let outcome = route(req, &env, &segments).await;
    match outcome {
        Ok(response) => Ok(response),
        Err(Failure(code)) => error_response(code),
    }
}

async fn route(req: Request, env: &Env, segments: &[&str]) -> Outcome {
    let method = req.method();
    match (segments, method) {
        (["health"], Method::Get) => health::get().await,
        (["groups"], Method::Get) => groups::list(env).await,
        (["groups", group_id, "submissions"], Method::Post) => {
            let group_id = group_id.to_string();
            submissions::create(req, env, &group_id).await
        }
        (["submissions"], Method::Get) => submissions::list(&req, env).await,
        (["submissions", id, "image"], Method::Get) => submissions::image(env, id).await,
        (
            ["health"]
            | ["groups"]
            | ["groups", _, "submissions"]
            | ["submissions"]
            | ["submissions", _, "image"],
            _,
        ) => Err(ErrorCode::MethodNotAllowed.into()),
        _ => Err(ErrorCode::NotFound.into()),
    }
}
