CREATE TABLE "identity"."dead_letters" (
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
CREATE TABLE "identity"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."outbox" (
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
CREATE TABLE "identity"."rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "identity"."signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"active_from" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."theme_settings" (
	"admin_id" uuid PRIMARY KEY NOT NULL,
	"theme_name" text NOT NULL,
	"custom_colors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"full_name" text NOT NULL,
	"role" text DEFAULT 'applicant' NOT NULL,
	"password_hash" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tokens_valid_from" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("identity"."users"."role" IN ('admin', 'applicant'))
);
--> statement-breakpoint
ALTER TABLE "identity"."theme_settings" ADD CONSTRAINT "theme_settings_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "identity"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_received_at_idx" ON "identity"."inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "identity"."outbox" USING btree ("seq") WHERE "identity"."outbox"."sent_at" IS NULL;--> statement-breakpoint
CREATE INDEX "rate_limit_windows_start_idx" ON "identity"."rate_limit_windows" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "signing_keys_active_from_idx" ON "identity"."signing_keys" USING btree ("active_from");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "identity"."users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_role_created_at_idx" ON "identity"."users" USING btree ("role","created_at");