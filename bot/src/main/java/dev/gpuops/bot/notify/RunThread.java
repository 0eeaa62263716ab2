package dev.gpuops.bot.notify;

/**
 * One run's Slack thread as a channel lane tracks it: the view of the run, its root message and its status message.
 * Confined to the lane's thread.
 */
final class RunThread {

    enum Kind { ROOT, STATUS, REPLY }

    /** A message gpuops owns and keeps up to date with chat.update. */
    static final class Slot {
        final Kind kind;
        String channelId;
        String ts;
        SlackText sent;
        int failures;
        boolean abandoned;

        Slot(Kind kind) {
            this.kind = kind;
        }
    }

    /** A chat.postMessage waiting for its turn; root and status render the run's state when they go out. */
    static final class Post {
        final RunThread run;
        final Kind kind;
        final SlackText reply;
        int attempts;
        /** the run event a reply renders, to record that Slack accepted it */
        String eventId;

        Post(RunThread run, Kind kind, SlackText reply) {
            this.run = run;
            this.kind = kind;
            this.reply = reply;
        }

        SlackText content() {
            return kind == Kind.REPLY ? reply : run.render(kind);
        }
    }

    final RunView view;
    final Slot root = new Slot(Kind.ROOT);
    final Slot status = new Slot(Kind.STATUS);
    boolean statusQueued;
    /** replies Slack already accepted (by event id), from the recorded coordinates */
    final java.util.Set<String> replied = new java.util.HashSet<>();
    /** the durable coordinates, null when the notifier keeps none */
    ThreadCoordinates recorded;
    /** the thread was recorded without a root ts: look for a root already posted before posting one */
    boolean lookForRoot;
    /** the root is known but no checklist was recorded: look for one already posted before posting one */
    boolean lookForStatus;
    /** event id of a reply recorded as "being posted" but never as posted: look for it in the thread first */
    String lookForReply;
    boolean dead;
    int pendingPosts;

    RunThread(RunView view) {
        this.view = view;
    }

    SlackText render(Kind kind) {
        return kind == Kind.ROOT ? RunMessages.root(view) : RunMessages.status(view);
    }

    Slot slot(Kind kind) {
        return kind == Kind.ROOT ? root : status;
    }

    /** Posted, still wanted, and showing something older than the run's current state. */
    boolean stale(Slot slot) {
        return slot.ts != null && !slot.abandoned && !dead && !render(slot.kind).equals(slot.sent);
    }

    /** Nothing left to send: the run finished and Slack shows its final state (or gave up on it). */
    boolean settled() {
        return pendingPosts == 0 && (dead || (view.finished() && !stale(root) && !stale(status)));
    }
}
