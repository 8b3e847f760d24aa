using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomIndicatorSuspension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SuspendedAt",
                table: "CustomIndicatorDefinitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspendedCode",
                table: "CustomIndicatorDefinitions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "CustomIndicatorDefinitions");

            migrationBuilder.DropColumn(
                name: "SuspendedCode",
                table: "CustomIndicatorDefinitions");
        }
    }
}
