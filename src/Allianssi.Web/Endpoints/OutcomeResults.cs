using Allianssi.Application.UseCases.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allianssi.Web.Endpoints;

/// <summary>
/// Maps a use case's outcome to typed HTTP results; every error is a ProblemDetails. A refusal carries its stable code
/// as the extension <c>code</c> (<c>notFound.period</c>); a validation problem carries <c>codes</c>, each field's
/// codes in the order of its errors, for the fields whose errors have codes (docs/error-codes.md).
/// </summary>
internal static class OutcomeResults
{
    public static Results<Ok<T>, NotFoundProblem, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            OutcomeStatus.Ok => TypedResults.Ok(outcome.Value!),
            OutcomeStatus.NotFound => NotFound(outcome),
            OutcomeStatus.Invalid => Invalid(outcome),
            OutcomeStatus.Conflict => TypedResults.Problem(title: "Conflict", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, extensions: CodeOf(outcome)),
            _ => TypedResults.Problem(title: "Forbidden", detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, extensions: CodeOf(outcome)),
        };
    }

    /// <summary>The 404 of a NotFound outcome: "No " + its text + ".", with its code.</summary>
    public static NotFoundProblem NotFound<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new NotFoundProblem(new ProblemDetails
        {
            Title = "Not found",
            Detail = $"No {outcome.Message}.",
            Status = StatusCodes.Status404NotFound,
            Extensions = CodeOf(outcome),
        });
    }

    /// <summary>The 400 of an Invalid outcome: its errors by field, with their codes where they have them.</summary>
    public static ValidationProblem Invalid<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return TypedResults.ValidationProblem(outcome.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The request is not valid", extensions: Codes(outcome));
    }

    private static Dictionary<string, object?> CodeOf<T>(Outcome<T> outcome) =>
        outcome.Code is { } code ? new(StringComparer.Ordinal) { ["code"] = code } : new(StringComparer.Ordinal);

    private static Dictionary<string, object?> Codes<T>(Outcome<T> outcome)
    {
        var codes = outcome.Coded.Where(e => e.Code is not null).GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code!).ToArray(), StringComparer.Ordinal);
        return codes.Count > 0 ? new(StringComparer.Ordinal) { ["codes"] = codes } : new(StringComparer.Ordinal);
    }
}
