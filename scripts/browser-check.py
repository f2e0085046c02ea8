#!/usr/bin/env python3
"""Loads a front explorer page in headless Chromium (Debian's chromium + chromium-driver,
through selenium), clicks a point, presses an arrow key, and prints what the page showed as
JSON on stdout: the selected point, the map's routes and the decision tables before and after,
every URL the page requested, and the console's errors. Writes a screenshot.

    scripts/browser-check.py PAGE.html --click N --screenshot OUT.png

Exit 3 when no browser can be started (the caller says so; it does not pass silently).
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--click", type=int, required=True, help="the point number to click")
    parser.add_argument("--screenshot", required=True)
    args = parser.parse_args()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError as error:
        print(f"browser-check: selenium is not installed ({error}); run scripts/setup", file=sys.stderr)
        return 3
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1900"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    except Exception as error:  # no browser on this machine
        print(f"browser-check: cannot start Chromium ({error.__class__.__name__}: {str(error).splitlines()[0]}); run scripts/setup", file=sys.stderr)
        return 3
    try:
        url = "file://" + args.page
        driver.get(url)
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-selected"))

        def state():
            routes = [{"from": e.get_attribute("data-from"), "to": e.get_attribute("data-to"), "mode": e.get_attribute("data-mode"),
                       "amount": float(e.get_attribute("data-amount"))} for e in driver.find_elements(By.CSS_SELECTOR, "#map line.route")]
            tables = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#decision table")]
            return {"selected": int(driver.find_element(By.TAG_NAME, "body").get_attribute("data-selected")),
                    "routes": routes, "tables": tables,
                    "places": len(driver.find_elements(By.CSS_SELECTOR, "#map g.place")),
                    "outlines": len(driver.find_elements(By.CSS_SELECTOR, "#map path")),
                    "parts": len(driver.find_elements(By.CSS_SELECTOR, "#breakdown rect.part"))}

        before = state()
        target = driver.find_element(By.CSS_SELECTOR, f'#front [data-point="{args.click}"]')
        target.click()
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-selected") == str(args.click))
        after = state()
        driver.save_screenshot(args.screenshot)
        # Keyboard: the clicked point keeps the focus; the right arrow selects the next one.
        focused = driver.find_element(By.CSS_SELECTOR, f'#front [data-point="{args.click}"]')
        focused.send_keys(Keys.ARROW_RIGHT)
        keyboard = int(driver.find_element(By.TAG_NAME, "body").get_attribute("data-selected"))
        labelled = all(e.get_attribute("aria-label") for e in driver.find_elements(By.CSS_SELECTOR, "#front .point"))
        requests = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                requests.append(message["params"]["request"]["url"])
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        print(json.dumps({"before": before, "after": after, "keyboard": keyboard, "labelled": labelled,
                          "requests": requests, "errors": errors}))
        return 0
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
