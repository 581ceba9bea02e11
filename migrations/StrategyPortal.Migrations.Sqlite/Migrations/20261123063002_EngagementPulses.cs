using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StrategyPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EngagementPulses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PulseQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TextNl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseQuestions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PulseSurveys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Cadence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FirstOpensOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RoundLengthDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MinGroupSize = table.Column<int>(type: "INTEGER", nullable: false),
                    CommentThreshold = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseSurveys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PulseAudienceUnits",
                columns: table => new
                {
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseAudienceUnits", x => new { x.SurveyId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_PulseAudienceUnits_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseAudienceUnits_PulseSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "PulseSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RemindedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseRounds_PulseSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "PulseSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseSurveyItems",
                columns: table => new
                {
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseSurveyItems", x => new { x.SurveyId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_PulseSurveyItems_PulseQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "PulseQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseSurveyItems_PulseSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "PulseSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Participations",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Participations", x => new { x.RoundId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_Participations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Participations_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseComments_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseComments_PulseQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "PulseQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseComments_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EngagementMean = table.Column<double>(type: "REAL", nullable: true),
                    Enps = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseResponses_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseResponses_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseRoundUnits",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Invited = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseRoundUnits", x => new { x.RoundId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_PulseRoundUnits_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseRoundUnits_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_PersonId",
                table: "Participations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseAudienceUnits_UnitId",
                table: "PulseAudienceUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseComments_QuestionId",
                table: "PulseComments",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseComments_RoundId_UnitId",
                table: "PulseComments",
                columns: new[] { "RoundId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseComments_UnitId",
                table: "PulseComments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseQuestions_Code_Revision",
                table: "PulseQuestions",
                columns: new[] { "Code", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseResponses_RoundId_UnitId",
                table: "PulseResponses",
                columns: new[] { "RoundId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseResponses_UnitId",
                table: "PulseResponses",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseRounds_OpensOn_ClosesOn",
                table: "PulseRounds",
                columns: new[] { "OpensOn", "ClosesOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseRounds_SurveyId_Number",
                table: "PulseRounds",
                columns: new[] { "SurveyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseRoundUnits_UnitId",
                table: "PulseRoundUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseSurveyItems_QuestionId",
                table: "PulseSurveyItems",
                column: "QuestionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Participations");

            migrationBuilder.DropTable(
                name: "PulseAudienceUnits");

            migrationBuilder.DropTable(
                name: "PulseComments");

            migrationBuilder.DropTable(
                name: "PulseResponses");

            migrationBuilder.DropTable(
                name: "PulseRoundUnits");

            migrationBuilder.DropTable(
                name: "PulseSurveyItems");

            migrationBuilder.DropTable(
                name: "PulseRounds");

            migrationBuilder.DropTable(
                name: "PulseQuestions");

            migrationBuilder.DropTable(
                name: "PulseSurveys");
        }
    }
}
