CREATE TABLE "invitation"."archived_tests" (
	"test_id" uuid PRIMARY KEY NOT NULL,
	"archived_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitation"."email_settings" (
	"admin_id" uuid PRIMARY KEY NOT NULL,
	"smtp_host" text DEFAULT '' NOT NULL,
	"smtp_port" integer DEFAULT 587 NOT NULL,
	"smtp_user" text DEFAULT '' NOT NULL,
	"smtp_password_encrypted" text,
	"from_email" text DEFAULT '' NOT NULL,
	"from_name" text DEFAULT '12th Wonder Interview Platform' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitation"."mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invite_id" uuid,
	"kind" text NOT NULL,
	"sender_admin_id" uuid,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_outbox_status_check" CHECK ("invitation"."mail_outbox"."status" IN ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
-- Hand-edited: invites and submissions made before this migration get the values new ones would have had.
ALTER TABLE "invitation"."invites" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "invitation"."invites" SET "expires_at" = greatest("created_at" + interval '30 days', coalesce("scheduled_date", "created_at"));--> statement-breakpoint
ALTER TABLE "invitation"."invites" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation"."invites" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitation"."submissions" ADD COLUMN "graded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitation"."submissions" ADD COLUMN "last_published_at" timestamp with time zone;--> statement-breakpoint
UPDATE "invitation"."submissions" SET "last_published_at" = "submitted_at";--> statement-breakpoint
ALTER TABLE "invitation"."submissions" ALTER COLUMN "last_published_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation"."submissions" ADD COLUMN "publish_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation"."mail_outbox" ADD CONSTRAINT "mail_outbox_invite_id_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "invitation"."invites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "invitation"."mail_outbox" USING btree ("next_attempt_at") WHERE "invitation"."mail_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "mail_outbox_invite_idx" ON "invitation"."mail_outbox" USING btree ("invite_id");--> statement-breakpoint
CREATE INDEX "invites_unstarted_expiry_idx" ON "invitation"."invites" USING btree ("expires_at") WHERE "invitation"."invites"."status" IN ('sent', 'scheduled');--> statement-breakpoint
CREATE INDEX "submissions_awaiting_grade_idx" ON "invitation"."submissions" USING btree ("last_published_at") WHERE "invitation"."submissions"."graded_at" IS NULL;