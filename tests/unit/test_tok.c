#include "tok/tok.h"
#include "test.h"
int main(void) { return test_end("test_tok"); }
