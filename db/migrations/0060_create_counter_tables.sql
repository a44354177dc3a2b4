-- The counter's facts (core/Counter.h), folded from counter.ticket and counter.rated events by
-- db::CounterProjection: the queue ticket each case was served on, with when it was drawn, called
-- and served (waiting and service time), and the applicant's rating (好差评, 1 to 5).
CREATE TABLE counter_tickets (
    case_id     TEXT PRIMARY KEY,
    ticket      TEXT NOT NULL,
    issued_at   TEXT,
    called_at   TEXT,
    served_at   TEXT NOT NULL,
    workstation TEXT NOT NULL,
    user_id     TEXT NOT NULL
);
CREATE INDEX counter_tickets_served ON counter_tickets(served_at);
CREATE TABLE counter_ratings (
    case_id  TEXT PRIMARY KEY,
    level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    rated_at TEXT NOT NULL,
    user_id  TEXT NOT NULL
);
CREATE INDEX counter_ratings_rated ON counter_ratings(rated_at);
