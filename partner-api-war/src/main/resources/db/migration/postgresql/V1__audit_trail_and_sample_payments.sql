-- The schema as Hibernate's hbm2ddl creates it on PostgreSQL (Hibernate ORM 6.6, WildFly 39), which is what a
-- database set up by the earlier documentation holds.
-- Released: never edit this file; a change is a new V2__..., V3__... (docs/partner-api-database.md).
-- "if not exists": a database that hbm2ddl created keeps its tables and data (Flyway baselines it at version 0
-- and then runs this file, which only adds what is missing).

create table if not exists PARTNER_API_AUDIT_ENTRY (
    id varchar(36) not null,
    action varchar(16) not null check (action in ('LIST','VIEW','CREATE','EDIT','REVOKE','AUTH_FAILED','ROTATE','EXPIRING_SOON','CATALOGUE')),
    actorKind varchar(32),
    actorRole varchar(32),
    clientIp varchar(64),
    entryCount integer,
    detail varchar(1000),
    keyClientId varchar(255),
    keyId varchar(100),
    occurredAt timestamp(6) with time zone not null,
    outcome varchar(16) not null check (outcome in ('SUCCEEDED','DENIED','FAILED')),
    partner varchar(255),
    providerSeq bigint,
    requestId varchar(64) not null,
    source varchar(16) check (source in ('PARTNER_API','KEYCLOAK')),
    status integer not null,
    username varchar(255),
    primary key (id)
);

create table if not exists PARTNER_API_PLATFORM_CONFIG (
    partnerId varchar(36) not null,
    updatedAt timestamp(6) with time zone not null,
    updatedBy varchar(255) not null,
    webhookUrl varchar(2000) not null,
    primary key (partnerId)
);

create table if not exists PARTNER_API_QUOTE (
    id varchar(36) not null,
    buyAmount numeric(19,2) not null,
    buyCurrency varchar(3) not null,
    createdAt timestamp(6) with time zone not null,
    keyClientId varchar(255) not null,
    partnerId varchar(36) not null,
    rate numeric(19,6) not null,
    sellAmount numeric(19,2) not null,
    sellCurrency varchar(3) not null,
    primary key (id)
);

create index if not exists PARTNER_API_AUDIT_PARTNER_AT
    on PARTNER_API_AUDIT_ENTRY (partner, occurredAt, id);

create index if not exists PARTNER_API_AUDIT_PROVIDER_SEQ
    on PARTNER_API_AUDIT_ENTRY (providerSeq);
