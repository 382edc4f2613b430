#!/usr/bin/env python3
"""Issue 13's "done means": an association adopts PSDesk from an empty database, with email through a real SMTP server.

Walked in headless Chromium against `psdesk serve` (no demo) whose relay is 127.0.0.1:SMTP_PORT, where this script runs
an aiosmtpd server it can stop and start. The administrator opens the link `psdesk setup` printed (SETUP_LINK), creates
an OBAR-profile association and invites its PSA, whose email arrives here; the PSA sets a password, uploads a roster with
one bad line (refused, the line named), fixes it, and invites a Grievance Committee member while the relay is down: the
message is refused, retried, and delivered once when the relay is back. A member of the public files a complaint and
makes an account; the PSA acknowledges it and the acknowledgment arrives. Usage:
    SMTP_PORT=… SETUP_LINK=… adoption_journey.py BASE_URL ARTIFACTS_DIR
"""
import email, email.policy, os, re, sys, tempfile, time, traceback
from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_journeys as bj  # noqa: E402  (reads BASE_URL and ARTIFACTS_DIR from argv)
from browser_journeys import Person, By  # noqa: E402

SMTP_PORT = int(os.environ["SMTP_PORT"])
PASSWORD = "sandhills standards 2026"


class Mailbox:
    """Every message the relay accepted, as (recipients, parsed message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for rcpts, m in self.messages if address in rcpts]

    def wait_for(self, address, count=1, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if len(self.to(address)) >= count:
                return self.to(address)
            time.sleep(0.5)
        raise AssertionError(f"no email to {address} within {seconds} s; got {[r for r, _ in self.messages]}")


box = Mailbox()
relay = None


def relay_up():
    global relay
    relay = Controller(box, hostname="127.0.0.1", port=SMTP_PORT)
    relay.start()


def relay_down():
    relay.stop()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, path):
    found = re.search(r"https?://[^\s]+" + re.escape(path) + r"[^\s]+", text_of(message))
    assert found, f"no {path} link in:\n{text_of(message)}"
    return "/" + found.group(0).split("/", 3)[3]


def choose_password(who, link):
    who.go(link)
    who.fill("password", PASSWORD)
    who.fill("confirmation", PASSWORD)
    who.click_button("Set the password and sign in")


def adoption():
    with Person("Administrator") as admin, Person("PSA") as psa, Person("Member of the public") as filer:
        # 1. First run: the setup link, then an OBAR-profile association with its letterhead and sender.
        choose_password(admin, "/" + os.environ["SETUP_LINK"].split("/", 3)[3])
        admin.sees("Administration")
        admin.d.find_element(By.LINK_TEXT, "Add an association").click()
        for field, value in (("name", "Sandhills Association of REALTORS®"), ("slug", "sandhills"), ("timeZone", "America/New_York"),
                             ("boardSize", "9"), ("boardQuorum", "5"), ("senderEmail", "standards@sandhills.example"),
                             ("letterheadAddress", "40 Longleaf Way\nSouthern Pines, NC 28387"), ("signatureLine", "Sandhills Association of REALTORS®")):
            admin.fill(field, value)
        admin.choose("ruleProfile", "obar")
        admin.shoot("20-association-form")
        admin.click_button("Save")
        admin.sees("Sandhills Association of REALTORS® was created.")
        admin.d.find_element(By.PARTIAL_LINK_TEXT, "Invite staff").click()
        admin.fill("email", "pat.psa@sandhills.example")
        admin.fill("name", "Pat Ainsley")
        admin.shoot("21-invite-staff")
        admin.click_button("Send the invitation")
        admin.sees("Pat Ainsley (pat.psa@sandhills.example) was invited as Staff (PSA)")

        # 2. The PSA's invitation arrives from the association's address; its link sets a password, once.
        invitation = box.wait_for("pat.psa@sandhills.example")[0]
        assert "standards@sandhills.example" in invitation["From"], invitation["From"]
        link = link_in(invitation, "/welcome/")
        choose_password(psa, link)
        psa.sees("Sandhills Association of REALTORS®", "Your password is set")
        psa.shoot("22-psa-first-dashboard")

        # 3. The roster: one bad line is named and nothing imported; the fixed file is previewed, then imported.
        roster = ["member_id,first_name,last_name,email,phone,membership_type,principal,firm,office,joined_on,left_on",
                  "S-1,Glenda,Moss,glenda.moss@sandhills.example,,realtor,yes,Longleaf Realty,Main,2015-03-01,",
                  "S-2,Hal,Hart,hal.hart@sandhills.example,,broker,no,Longleaf Realty,Main,2019-06-01,",
                  "S-3,Ivy,Ng,ivy.ng@sandhills.example,,realtor,no,Pinecrest Homes,,2021-01-10,"]
        path = os.path.join(tempfile.mkdtemp(), "roster.csv")
        with open(path, "w") as f:
            f.write("\n".join(roster) + "\n")
        psa.go("/a/sandhills/members")
        psa.d.find_element(By.LINK_TEXT, "Import the roster (CSV)").click()
        psa.d.find_element(By.ID, "roster").send_keys(path)
        psa.click_button("Check the file")
        psa.sees("Nothing was imported", "Line 3:")
        psa.shoot("23-roster-refused")
        roster[2] = roster[2].replace(",broker,", ",realtor,")
        with open(path, "w") as f:
            f.write("\n".join(roster) + "\n")
        psa.d.find_element(By.ID, "roster").send_keys(path)
        psa.click_button("Check the file")
        psa.sees("3 members ready to import", "Moss, Glenda")
        psa.shoot("24-roster-preview")
        psa.click_button("Import 3 members")
        for _ in range(60):
            if "Roster imported" in psa.text():
                break
            time.sleep(0.5)
            psa.d.refresh()
        psa.sees("3 members were added to the roster")
        psa.shoot("25-roster-imported")

        # 4. The relay goes down; the PSA invites a GC member; the message is refused, shown, retried, delivered once.
        relay_down()
        psa.go("/a/sandhills/people")
        psa.fill("invite-email", "glenda.moss@sandhills.example")
        psa.fill("invite-name", "Glenda Moss")
        psa.choose("invite-role", "grievance")
        psa.shoot("26-people")
        psa.click_button("Send the invitation")
        psa.sees("was invited as Grievance Committee")
        for _ in range(60):
            psa.go("/a/sandhills")
            if "refused; trying again" in psa.text():
                break
            time.sleep(0.5)
        psa.sees("Email not delivered", "refused; trying again")
        psa.shoot("27-worklist-mail-refused")
        relay_up()
        delivered = box.wait_for("glenda.moss@sandhills.example")
        time.sleep(4)  # two more retry periods: a second copy would have arrived by now
        copies = box.to("glenda.moss@sandhills.example")
        assert len(copies) == 1, f"delivered {len(copies)} times"
        assert delivered[0]["Message-ID"], "no Message-ID"
        psa.go("/a/sandhills")
        psa.does_not_see("refused; trying again")

        # 5. A member of the public files a complaint and makes an account on the receipt.
        filer.go("/file/sandhills")
        for field, value in (("firstName", "Rosa"), ("lastName", "Quint"), ("email", "rosa.quint@example.com"), ("signature", "Rosa Quint")):
            filer.fill(field, value)
        when = time.strftime("%Y-%m-%d", time.localtime(time.time() - 30 * 86400))
        filer.set_date("transactionConcludedOn", when)
        filer.set_date("factsKnownOn", when)
        filer.fill("respondent1Name", "Hal Hart")
        filer.choose("article1", "1")
        filer.fill("narrative1", "My agent did not tell me of a second offer before I signed.")
        filer.d.find_element(By.NAME, "signatureAgreed").click()
        filer.click_button("File the complaint")
        number = re.search(r"E-\d{4}-\d{4}", filer.text()).group(0)
        filer.sees("Create an account for rosa.quint@example.com")
        filer.fill("account-password", PASSWORD)
        filer.fill("account-confirmation", PASSWORD)
        filer.shoot("28-receipt-account")
        filer.click_button("Create my account")
        filer.sees("Your account is ready", number)
        filer.shoot("29-complainant-case")

        # 6. The PSA acknowledges it; the acknowledgment arrives, on the association's letterhead, dated today.
        psa.go(f"/a/sandhills/cases/{number}")
        psa.click_button("Acknowledge complaint")
        psa.sees("The complaint was acknowledged")
        ack = box.wait_for("rosa.quint@example.com")[0]
        body = text_of(ack)
        assert "Acknowledgment of your complaint" in ack["Subject"] and number in ack["Subject"], ack["Subject"]
        assert "40 Longleaf Way" in body and "Dear Rosa Quint," in body, body
        # "Today" is the association's (America/New_York, set above), not the machine's UTC date.
        from datetime import datetime
        from zoneinfo import ZoneInfo
        now = datetime.now(ZoneInfo("America/New_York"))
        today = f"{now:%B} {now.day}, {now.year}"
        assert today in body, f"{today} not in {body}"
        # The docket records the notice as sent today: the day the relay accepted it.
        psa.go(f"/a/sandhills/cases/{number}")
        psa.sees("Notice sent")
        filer.go("/account")
        filer.sees("rosa.quint@example.com")
        filer.shoot("30-account")
        psa.go("/password/forgot")
        psa.shoot("31-forgot")


if __name__ == "__main__":
    relay_up()
    started = time.time()
    try:
        adoption()
        print(f"ok   adoption from an empty database with real email ({time.time() - started:.1f} s; {len(box.messages)} messages)", flush=True)
        status = 0
    except Exception:
        print("FAIL adoption from an empty database with real email", flush=True)
        traceback.print_exc()
        status = 1
    finally:
        try:
            relay.stop()
        except Exception:
            pass
    if bj.found:
        print("axe findings (moderate and minor do not fail):")
        for line in bj.found:
            print("  " + line)
    sys.exit(status)
