CREATE TABLE "grading"."answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"question_order" integer NOT NULL,
	"question_type" text NOT NULL,
	"points" integer NOT NULL,
	"answer" text NOT NULL,
	"is_correct" boolean,
	"manual_score" real,
	"manual_score_status" text,
	"reviewer_id" uuid,
	"review_comments" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "answers_submission_question_key" UNIQUE("submission_id","question_id"),
	CONSTRAINT "answers_manual_score_status_check" CHECK ("grading"."answers"."manual_score_status" IS NULL OR "grading"."answers"."manual_score_status" IN ('pending', 'correct', 'wrong', 'partial')),
	CONSTRAINT "answers_manual_score_check" CHECK ("grading"."answers"."manual_score" IS NULL OR ("grading"."answers"."manual_score" >= 0 AND "grading"."answers"."manual_score" <= "grading"."answers"."points"))
);
--> statement-breakpoint
CREATE TABLE "grading"."dead_letters" (
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
CREATE TABLE "grading"."deleted_tests" (
	"test_id" uuid PRIMARY KEY NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading"."erased_applicants" (
	"email_hash" text PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "grading"."monitored_invites" (
	"invite_id" uuid PRIMARY KEY NOT NULL,
	"monitored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading"."outbox" (
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
CREATE TABLE "grading"."pending_submissions" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"test_id" uuid NOT NULL,
	"test_version" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading"."submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invite_id" uuid NOT NULL,
	"invite_token" text NOT NULL,
	"test_id" uuid NOT NULL,
	"test_version" integer NOT NULL,
	"applicant_email" text NOT NULL,
	"applicant_name" text NOT NULL,
	"invited_by" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"auto_submitted" boolean NOT NULL,
	"is_monitored" boolean DEFAULT false NOT NULL,
	"auto_score" real,
	"manual_score" real,
	"final_score" real,
	"scoring_status" text NOT NULL,
	"reviewed_by" uuid,
	"review_completed_at" timestamp with time zone,
	"graded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "submissions_invite_id_key" UNIQUE("invite_id"),
	CONSTRAINT "submissions_scoring_status_check" CHECK ("grading"."submissions"."scoring_status" IN ('auto_only', 'needs_review', 'partially_reviewed', 'fully_reviewed'))
);
--> statement-breakpoint
CREATE TABLE "grading"."test_versions" (
	"test_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "test_versions_test_id_version_pk" PRIMARY KEY("test_id","version")
);
--> statement-breakpoint
ALTER TABLE "grading"."answers" ADD CONSTRAINT "answers_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "grading"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_received_at_idx" ON "grading"."inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "grading"."outbox" USING btree ("seq") WHERE "grading"."outbox"."sent_at" IS NULL;--> statement-breakpoint
CREATE INDEX "pending_submissions_version_idx" ON "grading"."pending_submissions" USING btree ("test_id","test_version");--> statement-breakpoint
CREATE INDEX "submissions_submitted_at_idx" ON "grading"."submissions" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "submissions_test_idx" ON "grading"."submissions" USING btree ("test_id","test_version");--> statement-breakpoint
CREATE INDEX "submissions_email_idx" ON "grading"."submissions" USING btree (lower("applicant_email"));--> statement-breakpoint
CREATE INDEX "submissions_review_queue_idx" ON "grading"."submissions" USING btree ("submitted_at") WHERE "grading"."submissions"."scoring_status" IN ('needs_review', 'partially_reviewed');