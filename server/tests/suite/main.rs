//! The server's tests over HTTP and as processes: one binary (a binary per file linked the
//! whole server twenty times over), a module per part of the portal.

mod api;
mod centre_pages;
mod cluster;
mod common;
mod copy;
mod counters;
mod embed;
mod feeds;
mod forms;
mod import;
mod inputs;
mod legacy;
mod newsroom;
mod newsroom_sidebar;
mod nukeviet;
mod operations;
mod organisation;
mod pages;
mod polls;
mod ratings;
mod search;
mod sessions;
mod sidebar;
mod two_step;
mod uploads;
mod valves;
mod web;
