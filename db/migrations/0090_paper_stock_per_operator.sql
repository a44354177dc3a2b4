-- Pre-printed certificate stock is the certificate operator's, not the workstation's (issue 14
-- item 8): the ranges an operator received, the sheets she spoiled, printed and voided are hers
-- wherever she works. The rows already there keep their meaning: paper_stock.user_id is the author
-- of the paper.received / paper.spoiled event, the operator who received or spoiled the sheets, so
-- no row is rewritten; only the lookups change from the workstation to the operator.
DROP INDEX IF EXISTS paper_stock_by_workstation;
CREATE INDEX paper_stock_by_operator ON paper_stock(user_id, kind);
-- Prints, reprints and voids are counted per operator from the event log.
CREATE INDEX events_by_user_kind ON events(user_id, kind);
