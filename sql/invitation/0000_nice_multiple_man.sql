CREATE TABLE "invitation"."dead_letters" (
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
CREATE TABLE "invitation"."deleted_tests" (
	"test_id" uuid PRIMARY KEY NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitation"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "invitation"."invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"test_id" uuid NOT NULL,
	"test_version" integer NOT NULL,
	"applicant_email" text NOT NULL,
	"applicant_name" text NOT NULL,
	"invited_by" uuid,
	"invite_token" text NOT NULL,
	"scheduled_date" timestamp with time zone,
	"admin_scheduled" boolean DEFAULT false NOT NULL,
	"no_schedule" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"email_sent" boolean DEFAULT false NOT NULL,
	"email_sent_at" timestamp with time zone,
	"email_error" text,
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invites_invite_token_key" UNIQUE("invite_token"),
	CONSTRAINT "invites_status_check" CHECK ("invitation"."invites"."status" IN ('sent', 'scheduled', 'in_progress', 'completed', 'expired', 'revoked')),
	CONSTRAINT "invites_extra_minutes_check" CHECK ("invitation"."invites"."extra_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invitation"."outbox" (
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
CREATE TABLE "invitation"."saved_answers" (
	"invite_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"answer" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "saved_answers_invite_id_question_id_pk" PRIMARY KEY("invite_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "invitation"."submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invite_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"test_version" integer NOT NULL,
	"applicant_email" text NOT NULL,
	"applicant_name" text NOT NULL,
	"invited_by" uuid,
	"answers" jsonb NOT NULL,
	"needs_manual_review" boolean NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"auto_submitted" boolean NOT NULL,
	CONSTRAINT "submissions_invite_id_key" UNIQUE("invite_id")
);
--> statement-breakpoint
CREATE TABLE "invitation"."test_versions" (
	"test_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "test_versions_test_id_version_pk" PRIMARY KEY("test_id","version")
);
--> statement-breakpoint
ALTER TABLE "invitation"."invites" ADD CONSTRAINT "invites_test_id_test_version_test_versions_test_id_version_fk" FOREIGN KEY ("test_id","test_version") REFERENCES "invitation"."test_versions"("test_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation"."saved_answers" ADD CONSTRAINT "saved_answers_invite_id_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "invitation"."invites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation"."submissions" ADD CONSTRAINT "submissions_invite_id_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "invitation"."invites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_received_at_idx" ON "invitation"."inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "invites_test_idx" ON "invitation"."invites" USING btree ("test_id");--> statement-breakpoint
CREATE INDEX "invites_email_idx" ON "invitation"."invites" USING btree (lower("applicant_email"));--> statement-breakpoint
CREATE INDEX "invites_created_at_idx" ON "invitation"."invites" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "invites_in_progress_idx" ON "invitation"."invites" USING btree ("started_at") WHERE "invitation"."invites"."status" = 'in_progress';--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "invitation"."outbox" USING btree ("seq") WHERE "invitation"."outbox"."sent_at" IS NULL;--> statement-breakpoint
CREATE INDEX "submissions_test_idx" ON "invitation"."submissions" USING btree ("test_id");--> statement-breakpoint
CREATE INDEX "submissions_email_idx" ON "invitation"."submissions" USING btree (lower("applicant_email"));