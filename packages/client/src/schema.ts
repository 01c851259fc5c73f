// Generated from the gateway's merged OpenAPI document (GET /docs/json) by
// `pnpm --filter @repo/e2e client:generate`; do not edit. The e2e suite fails when it is out of date.

export interface paths {
    "/api/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            /** @enum {string} */
                            status: "running";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/applicants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            full_name: string;
                            created_at: string;
                            is_active: boolean;
                        }[];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/applicants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            /** @description Invites erased with the applicant; null when the invitation service could not be asked (the deletion still happened). */
                            deleted_invites_count: number | null;
                            applicant_email: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/applicants/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        status: "active" | "inactive";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/auto-review/{submission_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    submission_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                501: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/change-password/{admin_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    admin_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/check-signup-restriction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            admin_exists: boolean;
                            allow_admin_signup: boolean;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/create-admin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        full_name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            admin: {
                                id: string;
                                email: string;
                                full_name: string;
                                /** @enum {string} */
                                role: "admin";
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/delete-admin/{admin_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    admin_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/email-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            smtpHost: string;
                            smtpPort: number;
                            smtpUser: string;
                            smtpPassword: string;
                            fromEmail: string;
                            fromName: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        smtpHost?: string;
                        smtpPort?: number;
                        smtpUser?: string;
                        smtpPassword?: string;
                        fromEmail?: "" | string;
                        fromName?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/email-settings/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/fix-monitoring-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            updated: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/is-first-admin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            is_first_admin: boolean;
                            first_admin: {
                                id: string;
                                email: string;
                                full_name: string;
                                created_at: string;
                            } | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/list-admins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            full_name: string;
                            created_at: string;
                            is_active: boolean;
                            is_first_admin: boolean;
                        }[];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notifications: {
                                id: string;
                                type: string;
                                message: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                is_read: boolean;
                                created_at: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notifications/{id}/mark-read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notifications/clear-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread_count: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/scoring-queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            submissions: {
                                submission_id: string;
                                applicant_email: string;
                                applicant_name: string;
                                test_title: string;
                                test_id: string;
                                submitted_at: string;
                                /** @enum {unknown} */
                                scoring_status: "auto_only" | "needs_review" | "partially_reviewed" | "fully_reviewed";
                                total_answers: number;
                                manual_questions: number;
                                pending_reviews: number;
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/scoring/{submission_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    submission_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            submission: {
                                id: string;
                                applicant_email: string;
                                applicant_name: string;
                                test_id: string;
                                test_title: string;
                                test_description: string;
                                submitted_at: string;
                                auto_score: number | null;
                                manual_score: number | null;
                                final_score: number | null;
                                /** @enum {unknown} */
                                scoring_status: "auto_only" | "needs_review" | "partially_reviewed" | "fully_reviewed";
                                reviewed_by: string | null;
                                review_completed_at: string | null;
                            };
                            answers: {
                                id: string;
                                question_id: string;
                                question: string;
                                /** @enum {unknown} */
                                question_type: "multiple_choice" | "coding" | "essay";
                                points: number;
                                expected_language: string | null;
                                options: string[] | null;
                                correct_answer: string | null;
                                answer: string;
                                is_correct: boolean | null;
                                manual_score: number | null;
                                manual_score_status: ("pending" | "correct" | "wrong" | "partial") | (never | null);
                                reviewer_id: string | null;
                                review_comments: string | null;
                                reviewed_at: string | null;
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/scoring/{submission_id}/answer/{answer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    submission_id: string;
                    answer_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        score_status: "pending" | "correct" | "wrong" | "partial";
                        manual_score: number;
                        comments?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            submission_id: string;
                            /** @enum {unknown} */
                            scoring_status: "auto_only" | "needs_review" | "partially_reviewed" | "fully_reviewed";
                            auto_score: number | null;
                            manual_score: number | null;
                            final_score: number | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/theme-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            themeName: string;
                            customColors: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        themeName: string;
                        customColors?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                kty: string;
                                crv: string;
                                x: string;
                                kid: string;
                                use: string;
                                alg: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            /** @enum {string} */
                            token_type: "bearer";
                            user: {
                                id: string;
                                email: string;
                                full_name: string;
                                role: "admin" | "applicant";
                                created_at: string;
                                is_active: boolean;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            full_name: string;
                            role: "admin" | "applicant";
                            created_at: string;
                            is_active: boolean;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        full_name: string;
                        /** @default applicant */
                        role?: "applicant" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            full_name: string;
                            role: "admin" | "applicant";
                            created_at: string;
                            is_active: boolean;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    date_filter?: string;
                    status_filter?: string;
                    email_search?: string;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            test_id: string;
                            test_version: number;
                            applicant_email: string;
                            applicant_name: string;
                            invited_by: string | null;
                            invite_token: string;
                            scheduled_date: string | null;
                            admin_scheduled: boolean;
                            no_schedule: boolean;
                            /** @enum {unknown} */
                            status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                            email_sent: boolean;
                            email_sent_at: string | null;
                            email_error: string | null;
                            extra_minutes: number;
                            started_at: string | null;
                            expires_at: string;
                            revoked_at: string | null;
                            created_at: string;
                        }[];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        test_id: string;
                        /** Format: email */
                        applicant_email: string;
                        applicant_name: string;
                        /** Format: date-time */
                        scheduled_date?: string | null;
                        /** @default false */
                        admin_scheduled?: boolean;
                        /** @default false */
                        no_schedule?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            test_id: string;
                            test_version: number;
                            applicant_email: string;
                            applicant_name: string;
                            invited_by: string | null;
                            invite_token: string;
                            scheduled_date: string | null;
                            admin_scheduled: boolean;
                            no_schedule: boolean;
                            /** @enum {unknown} */
                            status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                            email_sent: boolean;
                            email_sent_at: string | null;
                            email_error: string | null;
                            extra_minutes: number;
                            started_at: string | null;
                            expires_at: string;
                            revoked_at: string | null;
                            created_at: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/{invite_id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invite_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        extra_minutes: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            test_id: string;
                            test_version: number;
                            applicant_email: string;
                            applicant_name: string;
                            invited_by: string | null;
                            invite_token: string;
                            scheduled_date: string | null;
                            admin_scheduled: boolean;
                            no_schedule: boolean;
                            /** @enum {unknown} */
                            status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                            email_sent: boolean;
                            email_sent_at: string | null;
                            email_error: string | null;
                            extra_minutes: number;
                            started_at: string | null;
                            expires_at: string;
                            revoked_at: string | null;
                            created_at: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/{invite_id}/retry-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invite_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            email_sent: boolean;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/{invite_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invite_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            test_id: string;
                            test_version: number;
                            applicant_email: string;
                            applicant_name: string;
                            invited_by: string | null;
                            invite_token: string;
                            scheduled_date: string | null;
                            admin_scheduled: boolean;
                            no_schedule: boolean;
                            /** @enum {unknown} */
                            status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                            email_sent: boolean;
                            email_sent_at: string | null;
                            email_error: string | null;
                            extra_minutes: number;
                            started_at: string | null;
                            expires_at: string;
                            revoked_at: string | null;
                            created_at: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        test_id: string;
                        /** Format: date-time */
                        scheduled_date?: string | null;
                        /** @default false */
                        admin_scheduled?: boolean;
                        /** @default false */
                        no_schedule?: boolean;
                        applicants: {
                            applicant_email?: string;
                            applicant_name?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            failed: number;
                            results: ({
                                index: number;
                                applicant_email: string;
                                /** @enum {string} */
                                status: "created";
                                invite: {
                                    id: string;
                                    test_id: string;
                                    test_version: number;
                                    applicant_email: string;
                                    applicant_name: string;
                                    invited_by: string | null;
                                    invite_token: string;
                                    scheduled_date: string | null;
                                    admin_scheduled: boolean;
                                    no_schedule: boolean;
                                    /** @enum {unknown} */
                                    status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                                    email_sent: boolean;
                                    email_sent_at: string | null;
                                    email_error: string | null;
                                    extra_minutes: number;
                                    started_at: string | null;
                                    expires_at: string;
                                    revoked_at: string | null;
                                    created_at: string;
                                };
                            } | {
                                index: number;
                                applicant_email: string;
                                /** @enum {string} */
                                status: "failed";
                                error: {
                                    detail: string;
                                    code: string;
                                };
                            })[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/token/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invite: {
                                id: string;
                                test_id: string;
                                test_version: number;
                                applicant_email: string;
                                applicant_name: string;
                                invited_by: string | null;
                                invite_token: string;
                                scheduled_date: string | null;
                                admin_scheduled: boolean;
                                no_schedule: boolean;
                                /** @enum {unknown} */
                                status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                                email_sent: boolean;
                                email_sent_at: string | null;
                                email_error: string | null;
                                extra_minutes: number;
                                started_at: string | null;
                                expires_at: string;
                                revoked_at: string | null;
                                created_at: string;
                            };
                            test: {
                                id: string;
                                title: string;
                                description: string;
                                questions: {
                                    id: string;
                                    /** @enum {unknown} */
                                    type: "multiple_choice" | "coding" | "essay";
                                    question: string;
                                    options: string[] | null;
                                    expected_language: string | null;
                                    points: number;
                                }[];
                                duration_minutes: number;
                                created_by: string | null;
                                created_at: string;
                                version: number;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invites/token/{token}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        scheduled_date: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/my-invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            test_id: string;
                            test_version: number;
                            applicant_email: string;
                            applicant_name: string;
                            /** @enum {unknown} */
                            status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                            invite_token: string;
                            scheduled_date: string | null;
                            admin_scheduled: boolean;
                            no_schedule: boolean;
                            created_at: string;
                            started_at: string | null;
                            test_title: string;
                            test_description: string;
                            test_duration_minutes: number;
                        }[];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/my-submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            invite_id: string;
                            test_id: string;
                            test_version: number;
                            applicant_email: string;
                            applicant_name: string;
                            invite_token: string;
                            /** @enum {string} */
                            invite_status: "completed";
                            test_title: string;
                            test_description: string;
                            test_duration_minutes: number;
                            started_at: string;
                            submitted_at: string;
                            final_score: number | null;
                            auto_score: number | null;
                            manual_score: number | null;
                            /** @enum {unknown} */
                            scoring_status: "auto_only" | "needs_review" | "partially_reviewed" | "fully_reviewed";
                            is_monitored: boolean;
                        }[];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/my-submissions/{submission_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    submission_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            invite_id: string;
                            test_id: string;
                            test_version: number;
                            applicant_email: string;
                            applicant_name: string;
                            invite_token: string;
                            /** @enum {string} */
                            invite_status: "completed";
                            test_title: string;
                            test_description: string;
                            test_duration_minutes: number;
                            started_at: string;
                            submitted_at: string;
                            final_score: number | null;
                            auto_score: number | null;
                            manual_score: number | null;
                            /** @enum {unknown} */
                            scoring_status: "auto_only" | "needs_review" | "partially_reviewed" | "fully_reviewed";
                            is_monitored: boolean;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    page?: number;
                    limit?: number;
                    start_date?: string;
                    end_date?: string;
                    test_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                submission_id: string;
                                invite_id: string;
                                test_id: string;
                                test_version: number;
                                applicant_name: string;
                                applicant_email: string;
                                test_title: string;
                                test_duration_minutes: number;
                                score: number | null;
                                auto_score: number | null;
                                manual_score: number | null;
                                final_score: number | null;
                                /** @enum {unknown} */
                                scoring_status: "auto_only" | "needs_review" | "partially_reviewed" | "fully_reviewed";
                                submitted_at: string;
                                started_at: string;
                                auto_submitted: boolean;
                                is_monitored: boolean;
                            }[];
                            pagination: {
                                page: number;
                                limit: number;
                                total: number;
                                total_pages: number;
                                has_next: boolean;
                                has_prev: boolean;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results/{submission_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    submission_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            submission_id: string;
                            invite_id: string;
                            test_id: string;
                            test_version: number;
                            applicant_name: string;
                            applicant_email: string;
                            test_title: string;
                            test_duration_minutes: number;
                            score: number | null;
                            auto_score: number | null;
                            manual_score: number | null;
                            final_score: number | null;
                            /** @enum {unknown} */
                            scoring_status: "auto_only" | "needs_review" | "partially_reviewed" | "fully_reviewed";
                            submitted_at: string;
                            started_at: string;
                            auto_submitted: boolean;
                            is_monitored: boolean;
                            reviewed_by: string | null;
                            review_completed_at: string | null;
                            answers: {
                                id: string;
                                question_id: string;
                                question: string;
                                /** @enum {unknown} */
                                question_type: "multiple_choice" | "coding" | "essay";
                                options: string[] | null;
                                expected_language: string | null;
                                answer: string;
                                correct_answer: string | null;
                                points: number;
                                is_correct: boolean | null;
                                manual_score: number | null;
                                manual_score_status: ("pending" | "correct" | "wrong" | "partial") | (never | null);
                                reviewer_id: string | null;
                                review_comments: string | null;
                                reviewed_at: string | null;
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    start_date?: string;
                    end_date?: string;
                    test_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/start-test/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            /** @enum {unknown} */
                            status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/submit-test/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answers: {
                            question_id: string;
                            answer: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            submission_id: string;
                            scoring_status: string;
                            needs_manual_review: boolean;
                            /** @enum {object|null} */
                            score: never | null;
                            /** @enum {object|null} */
                            auto_score: never | null;
                            /** @enum {object|null} */
                            final_score: never | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/take-test/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invite: {
                                id: string;
                                test_id: string;
                                applicant_email: string;
                                applicant_name: string;
                                /** @enum {unknown} */
                                status: "sent" | "scheduled" | "in_progress" | "completed" | "expired" | "revoked";
                                invite_token: string;
                                started_at: string | null;
                            };
                            test: {
                                id: string;
                                title: string;
                                description: string;
                                duration_minutes: number;
                                questions: {
                                    id: string;
                                    /** @enum {unknown} */
                                    type: "multiple_choice" | "coding" | "essay";
                                    question: string;
                                    options: string[] | null;
                                    expected_language: string | null;
                                    points: number;
                                }[];
                            };
                            remaining_time_seconds?: number;
                            deadline?: string;
                            saved_answers?: {
                                question_id: string;
                                answer: string;
                                saved_at: string;
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/take-test/{token}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answers: {
                            question_id: string;
                            answer: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            saved_at: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            description: string;
                            questions: {
                                id: string;
                                /** @enum {unknown} */
                                type: "multiple_choice" | "coding" | "essay";
                                question: string;
                                options: string[] | null;
                                correct_answer: string | null;
                                expected_language: string | null;
                                points: number;
                            }[];
                            duration_minutes: number;
                            created_by: string | null;
                            created_at: string;
                            is_active: boolean;
                            version: number;
                        }[];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        description: string;
                        duration_minutes: number;
                        questions: {
                            /** @enum {unknown} */
                            type: "multiple_choice" | "coding" | "essay";
                            question: string;
                            options?: string[] | null;
                            correct_answer?: string | null;
                            expected_language?: string | null;
                            /** @default 1 */
                            points?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            description: string;
                            questions: {
                                id: string;
                                /** @enum {unknown} */
                                type: "multiple_choice" | "coding" | "essay";
                                question: string;
                                options: string[] | null;
                                correct_answer: string | null;
                                expected_language: string | null;
                                points: number;
                            }[];
                            duration_minutes: number;
                            created_by: string | null;
                            created_at: string;
                            is_active: boolean;
                            version: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            description: string;
                            questions: {
                                id: string;
                                /** @enum {unknown} */
                                type: "multiple_choice" | "coding" | "essay";
                                question: string;
                                options: string[] | null;
                                correct_answer: string | null;
                                expected_language: string | null;
                                points: number;
                            }[];
                            duration_minutes: number;
                            created_by: string | null;
                            created_at: string;
                            is_active: boolean;
                            version: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        description: string;
                        duration_minutes: number;
                        questions: {
                            /** @enum {unknown} */
                            type: "multiple_choice" | "coding" | "essay";
                            question: string;
                            options?: string[] | null;
                            correct_answer?: string | null;
                            expected_language?: string | null;
                            /** @default 1 */
                            points?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            description: string;
                            questions: {
                                id: string;
                                /** @enum {unknown} */
                                type: "multiple_choice" | "coding" | "essay";
                                question: string;
                                options: string[] | null;
                                correct_answer: string | null;
                                expected_language: string | null;
                                points: number;
                            }[];
                            duration_minutes: number;
                            created_by: string | null;
                            created_at: string;
                            is_active: boolean;
                            version: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tests/{id}/force": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            deleted_invites: number;
                            /** @enum {boolean} */
                            force_deleted: true;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tests/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            version: number;
                            created_at: string;
                            title: string;
                        }[];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tests/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            description: string;
                            questions: {
                                id: string;
                                /** @enum {unknown} */
                                type: "multiple_choice" | "coding" | "essay";
                                question: string;
                                options: string[] | null;
                                correct_answer: string | null;
                                expected_language: string | null;
                                points: number;
                            }[];
                            duration_minutes: number;
                            created_by: string | null;
                            created_at: string;
                            is_active: boolean;
                            version: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tests/auto-generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                501: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webrtc/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        type: string;
                        sdp: string;
                        invite_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answer_id: string;
                            /** @enum {string} */
                            status: "answer_sent";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webrtc/end-session/{invite_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invite_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "session_ended";
                            invite_id: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webrtc/ice-candidate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        candidate: unknown;
                        invite_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            candidate_id: string;
                            /** @enum {string} */
                            status: "candidate_sent";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webrtc/offer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        type: string;
                        sdp: string;
                        invite_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            offer_id: string;
                            /** @enum {string} */
                            status: "offer_sent";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webrtc/signals/{invite_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    since?: string;
                };
                header?: never;
                path: {
                    invite_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            signals: {
                                id: string;
                                type: "offer" | "answer" | "ice_candidate";
                                data: unknown;
                                created_at: string;
                                from: "applicant" | "admin";
                            }[];
                            session_status: string;
                            session_created_at: string | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webrtc/start-session/{invite_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invite_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "session_initialized";
                            invite_id: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            code: string;
                            errors?: {
                                loc: (string | number)[];
                                msg: string;
                                type: string;
                            }[];
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
