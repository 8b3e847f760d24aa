using Microsoft.AspNetCore.Http;

namespace Allianssi.Web.Endpoints;

/// <summary>
/// Codes the refusals that no use case words: a 401 when the request is not signed in (no cookie, a missing or
/// expired token) and a 403 when an endpoint's policy refuses the user's role, both written by the status-code pages
/// as an empty ProblemDetails. A refusal that already has a code (a use case's <c>forbidden.*</c>) keeps it.
/// </summary>
internal static class PolicyRefusals
{
    public const string NotSignedIn = "unauthorized.notSignedIn";

    public const string Role = "forbidden.role";

    public static void Code(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var code = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => NotSignedIn,
            StatusCodes.Status403Forbidden => Role,
            _ => null,
        };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }
    }
}
