pub mod dashboard;
pub mod home;
pub mod not_found;
pub mod submit;
