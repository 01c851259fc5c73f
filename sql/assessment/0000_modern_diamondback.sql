CREATE TABLE "assessment"."dead_letters" (
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
CREATE TABLE "assessment"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "assessment"."invite_statuses" (
	"invite_id" uuid PRIMARY KEY NOT NULL,
	"test_id" uuid NOT NULL,
	"status" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment"."outbox" (
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
CREATE TABLE "assessment"."questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"test_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"question" text NOT NULL,
	"options" jsonb,
	"correct_answer" text,
	"expected_language" text,
	"points" integer NOT NULL,
	"question_order" integer NOT NULL,
	CONSTRAINT "questions_type_check" CHECK ("assessment"."questions"."type" IN ('multiple_choice', 'coding', 'essay')),
	CONSTRAINT "questions_points_check" CHECK ("assessment"."questions"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "assessment"."test_versions" (
	"test_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_versions_test_id_version_pk" PRIMARY KEY("test_id","version")
);
--> statement-breakpoint
CREATE TABLE "assessment"."tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"current_version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment"."questions" ADD CONSTRAINT "questions_test_id_version_test_versions_test_id_version_fk" FOREIGN KEY ("test_id","version") REFERENCES "assessment"."test_versions"("test_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment"."test_versions" ADD CONSTRAINT "test_versions_test_id_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "assessment"."tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_received_at_idx" ON "assessment"."inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "invite_statuses_test_idx" ON "assessment"."invite_statuses" USING btree ("test_id","status");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "assessment"."outbox" USING btree ("seq") WHERE "assessment"."outbox"."sent_at" IS NULL;--> statement-breakpoint
CREATE INDEX "questions_version_order_idx" ON "assessment"."questions" USING btree ("test_id","version","question_order");--> statement-breakpoint
CREATE INDEX "tests_active_created_at_idx" ON "assessment"."tests" USING btree ("is_active","created_at");