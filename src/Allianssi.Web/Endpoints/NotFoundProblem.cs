using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Allianssi.Web.Endpoints;

/// <summary>
/// A 404 written as every other refusal is: <c>application/problem+json</c> through the ProblemDetails service
/// (<c>TypedResults.NotFound(problem)</c> would write <c>application/json</c>), and described so in the OpenAPI document.
/// </summary>
internal sealed class NotFoundProblem(ProblemDetails problem) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult
{
    public ProblemDetails Value { get; } = problem;

    object? IValueHttpResult.Value => Value;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status404NotFound;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new Produces(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
    }

    private sealed record Produces(int StatusCode, Type? Type, IEnumerable<string> ContentTypes) : IProducesResponseTypeMetadata
    {
        public string? Description => null;
    }
}
