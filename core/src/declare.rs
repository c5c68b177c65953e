//! Declarations that generate what would otherwise be hand-kept lists: each text or
//! error is written once, English and Hindi on the same line, and the enum, its `ALL`
//! list and its lookups follow from it. A missing translation is a compile error.

/// `en()`, `hi()` and `$get(lang)` for an enum whose variants have an English and a
/// Hindi text (shared by the declarations below).
macro_rules! bilingual_lookups {
    ($name:ident, $get:ident; $( $variant:ident => $en:expr, $hi:expr; )*) => {
        impl $name {
            pub fn $get(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::Hi => self.hi(),
                    $crate::i18n::Lang::En => self.en(),
                }
            }

            pub fn en(self) -> &'static str {
                match self { $( $name::$variant => $en, )* }
            }

            pub fn hi(self) -> &'static str {
                match self { $( $name::$variant => $hi, )* }
            }
        }
    };
}

/// An interface text enum: `Variant => "English", "हिन्दी";` per line. Generates the
/// enum, `ALL` (every variant, in order), `get(lang)`, `en()` and `hi()`. Each reader
/// (admins, officials, chat export, campaigns) has its own enum so that a bundle only
/// carries the strings it shows.
macro_rules! bilingual_texts {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $en:expr, $hi:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

        }

        bilingual_lookups!($name, get; $( $variant => $en, $hi; )*);
    };
}

/// The API's error codes: `Variant => status, "English", "हिन्दी";` per line (messages may
/// be `format!` expressions). Generates the enum, `ALL`, `http_status()`, `message_en()`
/// and `message_hi()`.
macro_rules! api_errors {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $status:expr, $en:expr, $hi:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn http_status(self) -> u16 {
                match self { $( $name::$variant => $status, )* }
            }

            pub fn message_en(self) -> String {
                match self { $( $name::$variant => String::from($en), )* }
            }

            pub fn message_hi(self) -> String {
                match self { $( $name::$variant => String::from($hi), )* }
            }
        }
    };
}

/// The audit log's actions: `Variant => "entity.verb", "English", "हिन्दी";` per line.
/// Generates the enum, `ALL`, `as_str()` (the stored name), `from_wire()` and the
/// labels (`label(lang)`, `en()`, `hi()`) the audit page shows.
macro_rules! audit_actions {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, $en:expr, $hi:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every action, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The name stored in `audit_log.action`.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $wire, )* }
            }

            pub fn from_wire(text: &str) -> Option<$name> {
                match text { $( $wire => Some($name::$variant), )* _ => None }
            }

        }

        bilingual_lookups!($name, label; $( $variant => $en, $hi; )*);
    };
}
