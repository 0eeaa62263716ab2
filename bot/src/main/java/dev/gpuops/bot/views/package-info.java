/**
 * How the bot's in-memory views (runs, audit) read their topics: a {@link dev.gpuops.bot.views.ViewFeed} listener per
 * view, replaying from the start under a group per instance, and {@link dev.gpuops.bot.views.ViewRecords} to decode.
 * A leaf package: the views depend on it, it depends on no other bot package.
 */
package dev.gpuops.bot.views;
