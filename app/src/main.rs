fn main() {
    // Panic messages in the console help officials' bug reports; the admins' bundle, on
    // a 200 KB first-load budget, leaves out the formatting they need (~1 KB brotli).
    #[cfg(feature = "officials")]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(prasar_app::App);
}
