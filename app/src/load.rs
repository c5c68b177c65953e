//! Data a page reads from the API: fetched when the page opens and again whenever a
//! signal read by the fetcher changes (or on `refetch`); answers to superseded requests
//! are dropped. A plain signal and an effect: lighter in the bundle than a resource.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiFailure;

pub type Answer<T> = Option<Result<T, ApiFailure>>;

pub struct Loader<T: 'static> {
    data: RwSignal<Answer<T>>,
    again: Trigger,
}

impl<T: 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loader<T> {}

impl<T: Clone + Send + Sync + 'static> Loader<T> {
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiFailure>> + 'static,
    {
        let data = RwSignal::new(None);
        let again = Trigger::new();
        let latest = StoredValue::new(0u32);
        Effect::new(move |_| {
            again.track();
            let request = fetch();
            latest.update_value(|n| *n += 1);
            let mine = latest.get_value();
            spawn_local(async move {
                let answer = request.await;
                // The page may have closed while the request ran: its values are gone
                // then, and reading them would abort the whole app.
                if latest.try_get_value() == Some(mine) {
                    data.set(Some(answer));
                }
            });
        });
        Loader { data, again }
    }

    /// `None` until the first answer; the previous answer while a new one loads.
    pub fn get(&self) -> Answer<T> {
        self.data.get()
    }

    pub fn refetch(&self) {
        self.again.notify();
    }

    /// Replaces the data with a fresher copy (say, the answer to a change).
    pub fn set(&self, value: T) {
        self.data.set(Some(Ok(value)));
    }
}
