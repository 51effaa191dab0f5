/* For deploy/sanitize.sh only (LD_PRELOAD in the ASan run): dlclose() does
 * nothing. Mesa's GL driver, loaded by GLX with dlopen, keeps allocations for
 * the life of the process and is unloaded at exit; LeakSanitizer, which runs
 * after that, then sees leaks in "<unknown module>" that no suppression can
 * name. Kept mapped, the driver is named and deploy/lsan.supp matches it. */
int dlclose(void *handle) {
  (void)handle;
  return 0;
}
