-- Hub-signed checkpoints of each workstation's hash chain (docs/SECURITY.md, "Checkpoints"): at every
-- acknowledged push the hub signs {workstation, server_seq and hash of the chain's newest event it
-- holds, the hub's time, the clock margin} with its checkpoint key. The hub keeps every one; a
-- workstation keeps those it received (in the push's answer and with pulled events) and checks its
-- chains against the newest. An event of a workstation numbered after a checkpoint of it must not be
-- recorded before the checkpoint's time less the margin (backdating).
CREATE TABLE chain_checkpoints (
    workstation TEXT NOT NULL,
    server_seq  INTEGER NOT NULL,
    head        BLOB NOT NULL,
    hub_time    TEXT NOT NULL,
    margin_ms   INTEGER NOT NULL,
    signature   BLOB NOT NULL,
    PRIMARY KEY (workstation, server_seq)
);
