using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

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

            migrationBuilder.InsertData(
                table: "PulseQuestions",
                columns: new[] { "Id", "Code", "IsActive", "Kind", "Revision", "TextEn", "TextNl", "Version" },
                values: new object[,]
                {
                    { 1, "ENG-PURPOSE", true, "Engagement", 1, "I know how my work contributes to what our customers expect from us.", "Ik weet wat mijn werk bijdraagt aan wat onze klanten van ons verwachten.", 1 },
                    { 2, "ENG-TOOLS", true, "Engagement", 1, "I have the information and the tools to do my job well.", "Ik heb de informatie en de middelen om mijn werk goed te doen.", 1 },
                    { 3, "ENG-SKILLS", true, "Engagement", 1, "My work makes good use of my skills.", "In mijn werk worden mijn vaardigheden goed benut.", 1 },
                    { 4, "ENG-NOTICED", true, "Engagement", 1, "When I do good work, it gets noticed.", "Als ik goed werk lever, wordt dat opgemerkt.", 1 },
                    { 5, "ENG-LEARNING", true, "Engagement", 1, "I regularly learn something new in my work.", "Ik leer in mijn werk regelmatig iets nieuws.", 1 },
                    { 6, "ENG-VOICE", true, "Engagement", 1, "My ideas and concerns are taken seriously.", "Mijn ideeën en zorgen worden serieus genomen.", 1 },
                    { 7, "ENG-TEAM", true, "Engagement", 1, "I can count on my colleagues when things get busy.", "Ik kan op mijn collega's rekenen als het druk is.", 1 },
                    { 8, "ENG-PRIDE", true, "Engagement", 1, "I am proud of the service we give our customers.", "Ik ben trots op de service die wij onze klanten geven.", 1 },
                    { 9, "STR-STANDARDS", true, "Strategy", 1, "I know which service standards my team is measured on.", "Ik weet op welke servicestandaarden mijn team wordt beoordeeld.", 1 },
                    { 10, "STR-PROMISES", true, "Strategy", 1, "I can keep the promises marketing makes to our customers.", "Ik kan de beloften waarmaken die marketing aan onze klanten doet.", 1 },
                    { 11, "ENPS", true, "Enps", 1, "How likely are you to recommend our organisation as a place to work to a friend or acquaintance?", "Hoe waarschijnlijk is het dat je onze organisatie aan een vriend of bekende aanbeveelt als werkgever?", 1 },
                    { 12, "COMMENT", true, "FreeText", 1, "What would most improve your work or our service? (optional)", "Wat zou jouw werk of onze service het meest verbeteren? (niet verplicht)", 1 }
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
                name: "IX_PulseResponses_RoundId_UnitId_EngagementMean_Enps",
                table: "PulseResponses",
                columns: new[] { "RoundId", "UnitId", "EngagementMean", "Enps" });

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
