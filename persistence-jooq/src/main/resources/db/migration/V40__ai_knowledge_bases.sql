-- Knowledge bases of USE KB (keywords-ai): the documents indexed per knowledge base folder, with the
-- hash of the bytes indexed (only changed documents are indexed again), and their passages with an
-- all-MiniLM-L6-v2 embedding as a plain real[] (searched exactly in the process; no pgvector needed).
create table ai_kb_documents (
    kb          varchar(1000) not null,
    path        varchar(1000) not null,
    sha256      varchar(64) not null,
    chunks      integer     not null,
    indexed_at  timestamptz not null default now(),
    primary key (kb, path)
);

create table ai_kb_chunks (
    kb         varchar(1000) not null,
    path       varchar(1000) not null,
    ordinal    integer not null,
    text       text    not null,
    embedding  real[]  not null,
    primary key (kb, path, ordinal),
    foreign key (kb, path) references ai_kb_documents (kb, path) on delete cascade
);
