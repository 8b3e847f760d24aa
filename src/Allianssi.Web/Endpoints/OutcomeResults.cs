using Allianssi.Application.UseCases.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allianssi.Web.Endpoints;

/// <summary>Maps a use case's outcome to typed HTTP results; every error is a ProblemDetails.</summary>
internal static class OutcomeResults
{
    public static Results<Ok<T>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            OutcomeStatus.Ok => TypedResults.Ok(outcome.Value!),
            OutcomeStatus.NotFound => TypedResults.NotFound(new ProblemDetails
            {
                Title = "Not found",
                Detail = $"No {outcome.Message}.",
                Status = StatusCodes.Status404NotFound,
            }),
            OutcomeStatus.Invalid => TypedResults.ValidationProblem(outcome.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The request is not valid"),
            OutcomeStatus.Conflict => TypedResults.Problem(title: "Conflict", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem(title: "Forbidden", detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden),
        };
    }
}
