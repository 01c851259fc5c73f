CREATE TABLE "signaling"."admins" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signaling"."dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer" text NOT NULL,
	"subject" text NOT NULL,
	"stream_sequence" bigint,
	"deliveries" integer NOT NULL,
	"payload" text NOT NULL,
	"headers" jsonb,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signaling"."deleted_tests" (
	"test_id" uuid PRIMARY KEY NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signaling"."erased_applicants" (
	"email_hash" text PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signaling"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "signaling"."invites" (
	"invite_id" uuid PRIMARY KEY NOT NULL,
	"test_id" uuid NOT NULL,
	"status" text NOT NULL,
	"applicant_email" text,
	"invite_token_hash" text,
	"test_title" text,
	"status_changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signaling"."notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"admin_id" uuid NOT NULL,
	"type" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb NOT NULL,
	"is_read" boolean DEFAULT false NOT NULL,
	"event_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signaling"."outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"subject" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "signaling"."sessions" (
	"invite_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"offer_id" uuid,
	"answer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "sessions_status_check" CHECK ("signaling"."sessions"."status" IN ('initializing', 'offer_sent', 'connected', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "signaling"."signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"invite_id" uuid NOT NULL,
	"type" text NOT NULL,
	"sender" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signals_seq_key" UNIQUE("seq"),
	CONSTRAINT "signals_type_check" CHECK ("signaling"."signals"."type" IN ('offer', 'answer', 'ice_candidate')),
	CONSTRAINT "signals_sender_check" CHECK ("signaling"."signals"."sender" IN ('applicant', 'admin'))
);
--> statement-breakpoint
CREATE INDEX "inbox_received_at_idx" ON "signaling"."inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "invites_test_idx" ON "signaling"."invites" USING btree ("test_id");--> statement-breakpoint
CREATE INDEX "invites_email_idx" ON "signaling"."invites" USING btree (lower("applicant_email"));--> statement-breakpoint
CREATE INDEX "notifications_admin_created_idx" ON "signaling"."notifications" USING btree ("admin_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "signaling"."notifications" USING btree ("admin_id") WHERE NOT "signaling"."notifications"."is_read";--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_admin_event_key" ON "signaling"."notifications" USING btree ("admin_id","event_id");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "signaling"."outbox" USING btree ("seq") WHERE "signaling"."outbox"."sent_at" IS NULL;--> statement-breakpoint
CREATE INDEX "sessions_ended_idx" ON "signaling"."sessions" USING btree ("ended_at") WHERE "signaling"."sessions"."status" = 'ended';--> statement-breakpoint
CREATE INDEX "signals_invite_seq_idx" ON "signaling"."signals" USING btree ("invite_id","seq");