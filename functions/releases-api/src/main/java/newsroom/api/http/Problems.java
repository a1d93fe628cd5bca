package newsroom.api.http;

import java.util.List;
import newsroom.domain.AttachmentNotFoundException;
import newsroom.domain.ConfirmationRequiredException;
import newsroom.domain.ContactChangedException;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.EmailTakenException;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidCursorException;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.domain.ScopeRequiredException;
import newsroom.domain.NoPendingChangeException;
import newsroom.domain.TwoPersonRuleException;
import newsroom.domain.VersionConflictException;
import newsroom.domain.WorkflowException;
import newsroom.service.Webhooks;

/**
 * The one table from the domain's exceptions to the API's problems (README, "Problem types").
 * Anything not in it is not the caller's mistake, and is answered 500 by the handler.
 */
final class Problems {
    private Problems() {
    }

    /** The problem for a refusal the caller can act on; null for anything else. */
    static Problem of(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api.problem();
        }
        if (e instanceof InvalidRequestException invalid) {
            return validation(invalid.errors());
        }
        if (e instanceof InvalidCursorException) {
            return validation(List.of(new FieldError("cursor", "is not a cursor this list handed out")));
        }
        if (e instanceof ReleaseNotFoundException) {
            return Problem.of(404, "not-found", "Release not found", e.getMessage());
        }
        if (e instanceof AttachmentNotFoundException) {
            return Problem.of(404, "not-found", "Attachment not found", e.getMessage());
        }
        if (e instanceof ScopeRequiredException) {
            return Problem.of(403, "insufficient-scope", "Not allowed", e.getMessage());
        }
        if (e instanceof ContactChangedException) {
            return Problem.of(412, "precondition-failed", "Contact has changed",
                    "The contact changed since you read it (an edit, an unsubscribe or a bounce): fetch it again"
                            + " for its new ETag and status, reapply your change and send it with the new If-Match.");
        }
        if (e instanceof Webhooks.EndpointNotFoundException) {
            return Problem.of(404, "not-found", "Webhook endpoint not found", e.getMessage());
        }
        if (e instanceof Webhooks.DeliveryNotFoundException) {
            return Problem.of(404, "not-found", "Webhook delivery not found", e.getMessage());
        }
        if (e instanceof ContactNotFoundException) {
            return Problem.of(404, "not-found", "Contact not found", e.getMessage());
        }
        if (e instanceof VersionConflictException) {
            return Problem.of(412, "precondition-failed", "Release has changed",
                    "The release changed since you read it: fetch it again (for its new ETag), reapply your"
                            + " change and send it with the new If-Match.");
        }
        if (e instanceof WorkflowException) {
            return Problem.of(409, "invalid-state", "Not allowed in this state", e.getMessage());
        }
        if (e instanceof TwoPersonRuleException) {
            return Problem.of(403, "two-person-rule", "A second person must publish this", e.getMessage());
        }
        if (e instanceof NoPendingChangeException) {
            return Problem.of(409, "no-pending-change", "Not the change awaiting approval", e.getMessage());
        }
        if (e instanceof ConfirmationRequiredException confirm) {
            return Problem.ofFields(409, "confirmation-required", "Confirm the legal flags to publish",
                    "This release carries flags that ask for confirmation before it is published: "
                            + String.join(", ", confirm.flags()) + ". Publish again with \"confirm\": "
                            + confirm.flags().stream().map(f -> "\"" + f + "\"").toList() + " once checked.",
                    confirm.flags().stream().map(f -> new FieldError("confirm", "must include " + f)).toList());
        }
        if (e instanceof EmailTakenException) {
            return Problem.ofFields(409, "email-taken", "Email address already listed",
                    "A media contact with this email address already exists.",
                    List.of(new FieldError("email", "is already on the media list")));
        }
        return null;
    }

    static Problem validation(List<FieldError> errors) {
        return Problem.ofFields(400, "validation", "Invalid request",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid.",
                errors);
    }

    static ApiException invalid(List<FieldError> errors) {
        return new ApiException(validation(errors));
    }

    static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }
}
