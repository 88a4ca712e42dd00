//! Report: self-contained HTML pages built from results that are already computed — the
//! analysis report ([`analysis`], with its network-structure section in [`structure`]), the comparison page ([`comparison`]) and a batch's index
//! ([`batch`]) — from the pieces every page shares ([`html`]). Pages come back as text;
//! the command stages them. Tables and figures arrive built (as the CSV files and the
//! figure files have them); nothing here computes a metric or reads a file.

pub mod analysis;
pub mod batch;
pub mod comparison;
pub mod explorer;
pub mod html;
pub mod structure;
