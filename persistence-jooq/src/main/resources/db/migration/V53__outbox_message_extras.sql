-- What a message carries besides its text (issue 14): the quick replies of ADD SUGGESTION in force
-- when it was sent, and the file reference of SEND FILE, as the engine's MessageExtras JSON
-- ({"suggestions": [{"text", "reply"}], "file": {"path", "caption"}}). Null for a plain message,
-- which is nearly every message: the column costs nothing there.
alter table workflow_outbox add column extras json;
